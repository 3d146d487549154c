-- golden: offline SQL of the portable-operation case 'server_defaults' on sqlite
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

CREATE TABLE defaults (
    id INTEGER NOT NULL,
    s VARCHAR(20) DEFAULT 'it''s',
    n INTEGER DEFAULT 42,
    f NUMERIC(5, 2) DEFAULT 1.5,
    b BOOLEAN DEFAULT 0,
    ts DATETIME DEFAULT CURRENT_TIMESTAMP,
    d DATE DEFAULT CURRENT_DATE,
    x VARCHAR(20) DEFAULT ('a' || 'b'),
    y VARCHAR(20) DEFAULT ('lite'),
    CONSTRAINT pk_defaults PRIMARY KEY (id)
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

DROP TABLE defaults;

DELETE FROM alembic_version WHERE version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

DROP TABLE alembic_version;

COMMIT;

