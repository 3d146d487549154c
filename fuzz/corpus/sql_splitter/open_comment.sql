-- revision: abc
-- down_revision: None
-- +upgrade
/* never closed
