-- revision: abc
-- +upgrade
SELECT 'unterminated;
