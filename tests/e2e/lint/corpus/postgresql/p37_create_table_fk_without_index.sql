-- revision: lint_p37
-- down_revision: lint_pg_base
-- message: a foreign key no index leads with

-- +upgrade
CREATE TABLE payments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    amount integer NOT NULL
);
