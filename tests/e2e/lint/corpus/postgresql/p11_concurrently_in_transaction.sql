-- revision: lint_p11
-- down_revision: lint_pg_base
-- message: CONCURRENTLY in a transactional revision fails

-- +upgrade
CREATE INDEX CONCURRENTLY ix_events_kind ON events (kind);
