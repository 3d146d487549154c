-- revision: lint_p31
-- down_revision: lint_pg_base
-- message: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE
-- transactional: false

-- +upgrade
VACUUM FULL events;
