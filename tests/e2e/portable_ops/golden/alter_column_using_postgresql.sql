-- golden: offline SQL of the portable-operation case 'alter_column_using' on postgresql
-- golden: (tests/e2e/portable_ops/op_cases.py): `fleet upgrade head --sql`, then
-- golden: the downgrade (derived unless written), `fleet downgrade HEAD:base --sql`.
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

CREATE TABLE things (
    id INTEGER NOT NULL,
    name VARCHAR(50),
    amount INTEGER,
    note TEXT DEFAULT 'n/a',
    CONSTRAINT pk_things PRIMARY KEY (id)
);

COMMENT ON COLUMN things.note IS 'free text';

INSERT INTO alembic_version (version_num) VALUES ('00010a0b0001');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00010a0b0001 -> 00020a0b0002

INSERT INTO things (id, name) VALUES (1, '42');

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00020a0b0002 -> 00030a0b0003

ALTER TABLE things ALTER COLUMN name TYPE INTEGER USING name::integer;

UPDATE alembic_version SET version_num='00030a0b0003' WHERE alembic_version.version_num = '00020a0b0002';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '00030a0b0003', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

COMMIT;

-- fleet downgrade 00030a0b0003:base --sql
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

-- Running downgrade 00030a0b0003 -> 00020a0b0002

ALTER TABLE things ALTER COLUMN name TYPE VARCHAR(50) USING name::VARCHAR(50);

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00030a0b0003';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00030a0b0003', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00020a0b0002 -> 00010a0b0001

DELETE FROM things;

UPDATE alembic_version SET version_num='00010a0b0001' WHERE alembic_version.version_num = '00020a0b0002';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00010a0b0001 -> 

DROP TABLE things;

DELETE FROM alembic_version WHERE version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '00010a0b0001', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

DROP TABLE alembic_version;

COMMIT;

