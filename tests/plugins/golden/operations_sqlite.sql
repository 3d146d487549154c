-- golden: every operation SQLite's ALTER TABLE can do, rendered for SQLite one
-- golden: by one by tests/plugins/sqlite/test_sqlite_compiler.cpp
-- golden: (sample_revision): SQLAlchemy's SQLite type names, the rowid-alias
-- golden: key, enums as CHECK, booleans as 1/0, comments left out.
-- create_table, line 3
CREATE TABLE orgs (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT pk_orgs PRIMARY KEY (id)
);

-- create_table, line 10
CREATE TABLE accounts (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    "plan" VARCHAR(20) DEFAULT 'free' NOT NULL,
    active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    org_id BIGINT,
    mood VARCHAR(5) CHECK (mood IN ('happy', 'sad')),
    small SMALLINT,
    n INTEGER DEFAULT 0,
    bio TEXT,
    code CHAR(2),
    balance NUMERIC(10, 2),
    ratio REAL,
    score DOUBLE,
    born DATE,
    wake TIME,
    seen DATETIME DEFAULT (datetime('now')),
    data JSON,
    token CHAR(32),
    avatar BLOB,
    address TEXT,
    "order" TEXT,
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_email UNIQUE (email),
    CONSTRAINT ck_accounts_plan CHECK (plan IN ('free', 'pro')),
    CONSTRAINT fk_accounts_org_id_orgs FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE
);

-- create_index, line 40
CREATE INDEX ix_accounts_org_id ON accounts (org_id);

-- create_index, line 42
CREATE UNIQUE INDEX ix_accounts_lower_email ON accounts ((lower(email)), id) WHERE active;

-- add_column, line 48
ALTER TABLE accounts ADD COLUMN nickname VARCHAR(50);

-- add_column, line 50
ALTER TABLE accounts ADD COLUMN status VARCHAR(3) DEFAULT 'new' NOT NULL CHECK (status IN ('new', 'old'));

-- add_column, line 52
ALTER TABLE accounts ADD COLUMN parent_id BIGINT CONSTRAINT fk_accounts_parent_id_accounts REFERENCES accounts (id) ON DELETE SET NULL;

-- alter_column, line 55
ALTER TABLE accounts RENAME COLUMN "plan" TO plan_name;

-- rename_table, line 70
ALTER TABLE orgs RENAME TO organisations;

-- drop_column, line 72
ALTER TABLE accounts DROP COLUMN bio;

-- bulk_insert, line 97
INSERT INTO organisations (name) VALUES ('acme'), ('o''brien');

-- bulk_insert, line 101
INSERT INTO accounts (email, org_id) VALUES ('a@acme', 1), ('b@acme', 1);
INSERT INTO accounts (email, active) VALUES ('c@acme', 0);

-- drop_index, line 110
DROP INDEX ix_accounts_org_id;

-- execute, line 114
UPDATE accounts SET small = 1;

-- create_table, line 116
CREATE TABLE notes (
    body TEXT
);

-- drop_table, line 120
DROP TABLE notes;

