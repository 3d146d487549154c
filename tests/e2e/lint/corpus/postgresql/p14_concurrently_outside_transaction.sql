-- revision: lint_p14
-- down_revision: lint_pg_base
-- message: CONCURRENTLY in a transactional: false revision
-- transactional: false

-- +upgrade
CREATE INDEX CONCURRENTLY ix_events_kind ON events (kind);
