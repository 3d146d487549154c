-- revision: lint_p44
-- down_revision: lint_pg_base
-- message: the new name as a view while the code moves

-- +upgrade
CREATE VIEW activity AS SELECT id, kind, payload FROM events;
