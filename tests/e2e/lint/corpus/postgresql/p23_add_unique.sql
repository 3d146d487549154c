-- revision: lint_p23
-- down_revision: lint_pg_base
-- message: UNIQUE builds its index under ACCESS EXCLUSIVE

-- +upgrade
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);
