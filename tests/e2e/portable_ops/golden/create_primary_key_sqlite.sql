-- golden: offline SQL of the portable-operation case 'create_primary_key' on sqlite
-- golden: (tests/e2e/portable_ops/op_cases.py): `fleet upgrade head --sql`, then
-- golden: the derived downgrade, `fleet downgrade HEAD:base --sql`.
-- fleet upgrade head --sql
PRAGMA foreign_keys=OFF;

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

CREATE TABLE bare (
    code VARCHAR(8) NOT NULL,
    v INTEGER
);

INSERT INTO alembic_version (version_num) VALUES ('00010a0b0001');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00010a0b0001 -> 00020a0b0002

INSERT INTO bare (code, v) VALUES ('a', 1);

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00020a0b0002 -> 00030a0b0003

CREATE TABLE _fleet_rebuild_bare (
    code VARCHAR(8) NOT NULL,
    v INTEGER,
    CONSTRAINT pk_bare PRIMARY KEY (code)
);

INSERT INTO _fleet_rebuild_bare (rowid, code, v) SELECT rowid, code, v FROM bare;

DROP TABLE bare;

ALTER TABLE _fleet_rebuild_bare RENAME TO bare;

UPDATE alembic_version SET version_num='00030a0b0003' WHERE alembic_version.version_num = '00020a0b0002';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '00030a0b0003', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

COMMIT;

-- fleet downgrade 00030a0b0003:base --sql
PRAGMA foreign_keys=OFF;

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

CREATE TABLE _fleet_rebuild_bare (
    code VARCHAR(8) NOT NULL,
    v INTEGER
);

INSERT INTO _fleet_rebuild_bare (rowid, code, v) SELECT rowid, code, v FROM bare;

DROP TABLE bare;

ALTER TABLE _fleet_rebuild_bare RENAME TO bare;

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00030a0b0003';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00030a0b0003', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00020a0b0002 -> 00010a0b0001

DELETE FROM bare;

UPDATE alembic_version SET version_num='00010a0b0001' WHERE alembic_version.version_num = '00020a0b0002';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00010a0b0001 -> 

DROP TABLE bare;

DELETE FROM alembic_version WHERE version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '00010a0b0001', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

DROP TABLE alembic_version;

COMMIT;

