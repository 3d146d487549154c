-- revision: lint_p49
-- down_revision: lint_pg_base
-- message: a table moved to another tablespace under ACCESS EXCLUSIVE

-- +upgrade
ALTER TABLE events SET TABLESPACE pg_default;
