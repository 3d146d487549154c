-- golden: offline SQL of the portable-operation case 'create_table' on sqlite
-- golden: (tests/e2e/portable_ops/op_cases.py): `fleet upgrade head --sql`, then
-- golden: the derived downgrade, `fleet downgrade HEAD:base --sql`.
-- fleet upgrade head --sql
BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE IF NOT EXISTS fleet_history (
    run_id VARCHAR(32) NOT NULL, 
    step INTEGER NOT NULL, 
    revision VARCHAR(32) NOT NULL, 
    direction VARCHAR(16) NOT NULL, 
    checksum VARCHAR(64), 
    started_at VARCHAR(40) NOT NULL, 
    finished_at VARCHAR(40), 
    duration_ms BIGINT, 
    outcome VARCHAR(16) NOT NULL, 
    fleet_version VARCHAR(32) NOT NULL, 
    host VARCHAR(255) NOT NULL, 
    CONSTRAINT fleet_history_pkc PRIMARY KEY (run_id, step)
);

-- Running upgrade  -> 00010a0b0001

CREATE TABLE orgs (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT pk_orgs PRIMARY KEY (id)
);

CREATE TABLE accounts (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    handle VARCHAR(40),
    "plan" VARCHAR(20) DEFAULT 'free' NOT NULL,
    active BOOLEAN DEFAULT 1 NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    org_id BIGINT,
    billing_org BIGINT,
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_handle UNIQUE (handle),
    CONSTRAINT uq_accounts_email UNIQUE (email),
    CONSTRAINT ck_accounts_plan CHECK (plan IN ('free', 'pro')),
    CONSTRAINT ck_accounts_email CHECK (length(email) > 3),
    CONSTRAINT fk_accounts_org_id_orgs FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE ON UPDATE SET NULL,
    CONSTRAINT fk_accounts_billing FOREIGN KEY(billing_org) REFERENCES orgs (id)
);

CREATE TABLE memberships (
    account_id BIGINT NOT NULL,
    org_id BIGINT NOT NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (account_id, org_id),
    CONSTRAINT fk_memberships_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_memberships_org FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE RESTRICT
);

INSERT INTO alembic_version (version_num) VALUES ('00010a0b0001');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

COMMIT;

-- fleet downgrade 00010a0b0001:base --sql
BEGIN;

CREATE TABLE IF NOT EXISTS fleet_history (
    run_id VARCHAR(32) NOT NULL, 
    step INTEGER NOT NULL, 
    revision VARCHAR(32) NOT NULL, 
    direction VARCHAR(16) NOT NULL, 
    checksum VARCHAR(64), 
    started_at VARCHAR(40) NOT NULL, 
    finished_at VARCHAR(40), 
    duration_ms BIGINT, 
    outcome VARCHAR(16) NOT NULL, 
    fleet_version VARCHAR(32) NOT NULL, 
    host VARCHAR(255) NOT NULL, 
    CONSTRAINT fleet_history_pkc PRIMARY KEY (run_id, step)
);

-- Running downgrade 00010a0b0001 -> 

DROP TABLE memberships;

DROP TABLE accounts;

DROP TABLE orgs;

DELETE FROM alembic_version WHERE version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

DROP TABLE alembic_version;

COMMIT;

