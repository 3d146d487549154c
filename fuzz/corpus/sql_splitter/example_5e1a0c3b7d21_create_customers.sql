-- revision: 5e1a0c3b7d21
-- down_revision:
-- message: create customers
-- create_date: 2026-11-02T09:00:00Z

-- +upgrade
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +downgrade
DROP TABLE customers;
