-- revision: lint_s05
-- down_revision: lint_sqlite_base
-- message: a rebuild written by hand

-- +upgrade
CREATE TABLE logs_new (id INTEGER PRIMARY KEY, msg TEXT NOT NULL, level VARCHAR(10));
INSERT INTO logs_new (id, msg, level) SELECT id, msg, level FROM logs;
DROP TABLE logs;
ALTER TABLE logs_new RENAME TO logs;
