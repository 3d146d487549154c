-- golden: offline SQL of the portable-operation case 'drop_index_then_rebuild' on sqlite
-- golden: (tests/e2e/portable_ops/op_cases.py): `fleet upgrade head --sql`, then
-- golden: the downgrade (derived unless written), `fleet downgrade HEAD:base --sql`.
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

CREATE TABLE orgs (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT pk_orgs PRIMARY KEY (id)
);

CREATE TABLE members (
    id INTEGER NOT NULL,
    org_id BIGINT NOT NULL,
    nick VARCHAR(20) DEFAULT 'anon',
    score INTEGER,
    CONSTRAINT pk_members PRIMARY KEY (id),
    CONSTRAINT ck_members_score CHECK (score >= 0),
    CONSTRAINT fk_members_org_id_orgs FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE
);

CREATE INDEX ix_members_nick_lower ON members ((lower(nick))) WHERE score > 0;

INSERT INTO alembic_version (version_num) VALUES ('00010a0b0001');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00010a0b0001', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00010a0b0001 -> 00020a0b0002

INSERT INTO orgs (id, name) VALUES (1, 'acme'), (2, 'umbrella');

INSERT INTO members (id, org_id, nick, score) VALUES (10, 1, 'ann', 3), (11, 1, 'bob', 0), (12, 2, NULL, 7);

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'upgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 00020a0b0002 -> 00030a0b0003

DROP INDEX ix_members_nick_lower;

CREATE TABLE _fleet_rebuild_members (
    id INTEGER NOT NULL,
    org_id BIGINT NOT NULL,
    nick VARCHAR(20) DEFAULT 'anon',
    score INTEGER NOT NULL,
    CONSTRAINT pk_members PRIMARY KEY (id),
    CONSTRAINT ck_members_score CHECK (score >= 0),
    CONSTRAINT fk_members_org_id_orgs FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE
);

INSERT INTO _fleet_rebuild_members (id, org_id, nick, score) SELECT id, org_id, nick, score FROM members;

DROP TABLE members;

ALTER TABLE _fleet_rebuild_members RENAME TO members;

CREATE TEMP TABLE _fleet_foreign_key_check (tbl TEXT, CONSTRAINT "foreign_key_check: rows of table members break a foreign key after the rebuild of members" CHECK (tbl IS NOT 'members'));

INSERT INTO temp._fleet_foreign_key_check SELECT "table" FROM pragma_foreign_key_check('members');

DROP TABLE temp._fleet_foreign_key_check;

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

CREATE TABLE _fleet_rebuild_members (
    id INTEGER NOT NULL,
    org_id BIGINT NOT NULL,
    nick VARCHAR(20) DEFAULT 'anon',
    score INTEGER,
    CONSTRAINT pk_members PRIMARY KEY (id),
    CONSTRAINT ck_members_score CHECK (score >= 0),
    CONSTRAINT fk_members_org_id_orgs FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE
);

INSERT INTO _fleet_rebuild_members (id, org_id, nick, score) SELECT id, org_id, nick, score FROM members;

DROP TABLE members;

ALTER TABLE _fleet_rebuild_members RENAME TO members;

CREATE TEMP TABLE _fleet_foreign_key_check (tbl TEXT, CONSTRAINT "foreign_key_check: rows of table members break a foreign key after the rebuild of members" CHECK (tbl IS NOT 'members'));

INSERT INTO temp._fleet_foreign_key_check SELECT "table" FROM pragma_foreign_key_check('members');

DROP TABLE temp._fleet_foreign_key_check;

CREATE INDEX ix_members_nick_lower ON members ((lower(nick))) WHERE score > 0;

UPDATE alembic_version SET version_num='00020a0b0002' WHERE alembic_version.version_num = '00030a0b0003';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '00030a0b0003', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00020a0b0002 -> 00010a0b0001

DELETE FROM members;

DELETE FROM orgs;

UPDATE alembic_version SET version_num='00010a0b0001' WHERE alembic_version.version_num = '00020a0b0002';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '00020a0b0002', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running downgrade 00010a0b0001 -> 

DROP INDEX ix_members_nick_lower;

DROP TABLE members;

DROP TABLE orgs;

DELETE FROM alembic_version WHERE version_num = '00010a0b0001';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '00010a0b0001', 'downgrade', '<checksum>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

DROP TABLE alembic_version;

COMMIT;

