-- revision: lint_p26
-- down_revision: lint_pg_base
-- message: rows updated in batches, each its own transaction
-- transactional: false

-- +upgrade
UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 50000 AND plan IS NULL;
UPDATE users SET plan = 'free' WHERE id BETWEEN 50001 AND 100000 AND plan IS NULL;
