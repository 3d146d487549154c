-- revision: abc
-- +upgrade
SELECT 1;
