-- revision: 3f1c2a9b8d70
-- down_revision:
-- message: create accounts
-- create_date: 2026-11-21T10:00:00Z

-- +upgrade
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +downgrade
DROP TABLE accounts;
