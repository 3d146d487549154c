-- revision: 1d9b7f3c5a42
-- down_revision: 8c4f2e6a9b10
-- message: add plan to customers
-- create_date: 2026-11-12T10:15:00Z

-- +upgrade
ALTER TABLE customers ADD COLUMN plan VARCHAR(20) NOT NULL DEFAULT 'free';

-- +downgrade
ALTER TABLE customers DROP COLUMN plan;
