-- revision: lint_p04
-- down_revision: lint_pg_base
-- message: varchar(50) to varchar(100) only relabels the column

-- +upgrade
ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);
