-- revision: lint_p24
-- down_revision: lint_pg_base
-- message: the unique index built concurrently, then the constraint on it
-- transactional: false

-- +upgrade
CREATE UNIQUE INDEX CONCURRENTLY uq_users_email_idx ON users (email);
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email_idx;
