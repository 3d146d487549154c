-- revision: 0badc0ffee01
-- message: strings, comments and dollar quotes
-- +upgrade
/* a block comment; with a semicolon */
INSERT INTO t VALUES ('it''s; fine', "quoted;ident", E'esc\';');
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
DO $$ BEGIN PERFORM 1; END $$;
SELECT 1 -- trailing; comment
;
-- +downgrade
DROP FUNCTION f();
