-- revision: a7e3c9d1f254
-- down_revision: 1d9b7f3c5a42
-- message: plans table, seeded with the three plans on sale
-- create_date: 2026-11-16T08:45:00Z

-- +upgrade
CREATE TABLE plans (
    code VARCHAR(20) PRIMARY KEY,
    seats INTEGER NOT NULL,
    monthly_cents INTEGER NOT NULL
);
INSERT INTO plans (code, seats, monthly_cents) VALUES
    ('free', 1, 0),
    ('team', 10, 4900),
    ('enterprise', 500, 99000);

-- +downgrade
DROP TABLE plans;
