-- revision: lint_p32
-- down_revision: lint_pg_base
-- message: a plain VACUUM blocks no reads or writes
-- transactional: false

-- +upgrade
VACUUM (ANALYZE) events;
