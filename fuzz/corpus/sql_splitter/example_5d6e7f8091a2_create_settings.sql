-- revision: 5d6e7f8091a2
-- down_revision:
-- message: create settings
-- create_date: 2026-11-21T10:00:00Z

-- +upgrade
CREATE TABLE settings (name VARCHAR(64) PRIMARY KEY, value TEXT);
INSERT INTO settings (name, value) VALUES ('theme', 'dark');

-- +downgrade
DROP TABLE settings;
