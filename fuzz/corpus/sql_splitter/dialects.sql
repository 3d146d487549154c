-- revision: 9f8e7d6c5b4a
-- down_revision: 1a2b3c4d5e6f, 3f1c2a9b8d70
-- branch_labels: reporting
-- depends_on: 5e1a
-- message: per-dialect bodies
-- transactional: false

-- +upgrade
CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b');
-- +upgrade sqlite
CREATE TABLE t (id INTEGER PRIMARY KEY);
-- +upgrade postgresql
CREATE INDEX CONCURRENTLY ix_t ON t (id);
-- +downgrade postgresql
DROP INDEX CONCURRENTLY ix_t;
-- +downgrade
DROP TABLE t;
