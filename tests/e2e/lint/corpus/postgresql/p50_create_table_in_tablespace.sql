-- revision: lint_p50
-- down_revision: lint_pg_base
-- message: a new table made in the tablespace it belongs in

-- +upgrade
CREATE TABLE events_archive (id bigint PRIMARY KEY, kind varchar(20), payload text)
  TABLESPACE pg_default;
