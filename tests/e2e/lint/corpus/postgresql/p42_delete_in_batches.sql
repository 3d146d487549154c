-- revision: lint_p42
-- down_revision: lint_pg_base
-- message: rows deleted a batch at a time
-- transactional: false

-- +upgrade
DELETE FROM events WHERE id IN (SELECT id FROM events WHERE kind = 'debug' ORDER BY id LIMIT 5000);
