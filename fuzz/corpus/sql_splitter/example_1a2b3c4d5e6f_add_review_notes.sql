-- revision: 1a2b3c4d5e6f
-- down_revision: 8a4e6d0c5b21
-- message: add review_notes to extractions
-- create_date: 2026-11-21T10:10:00Z

-- +upgrade
ALTER TABLE extractions ADD COLUMN review_notes VARCHAR(500);

-- +downgrade
ALTER TABLE extractions DROP COLUMN review_notes;
