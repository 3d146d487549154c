-- golden: `fleet upgrade head --sql` of examples/quickstart on sqlite:
-- golden: one transaction, the version table created from base, each revision's
-- golden: statements, its version-table write and its fleet_history row.
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

-- Running upgrade  -> 3f1c2a9b8d70

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO alembic_version (version_num) VALUES ('3f1c2a9b8d70');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '3f1c2a9b8d70', 'upgrade', '44e265b9d887fa0158d2090de01ba1d88f7eeded22dcf175af7f7ab19fc5314a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 3f1c2a9b8d70 -> 8a4e6d0c5b21

CREATE TABLE extractions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    body TEXT
);

CREATE INDEX ix_extractions_account ON extractions (account_id);

UPDATE alembic_version SET version_num='8a4e6d0c5b21' WHERE alembic_version.version_num = '3f1c2a9b8d70';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '8a4e6d0c5b21', 'upgrade', '37ae1de6cdac9d1585ce60c0b1bf55a088e42dc3c6202148861cf4d9bbea82ea', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 8a4e6d0c5b21 -> 1a2b3c4d5e6f

ALTER TABLE extractions ADD COLUMN review_notes VARCHAR(500);

UPDATE alembic_version SET version_num='1a2b3c4d5e6f' WHERE alembic_version.version_num = '8a4e6d0c5b21';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '1a2b3c4d5e6f', 'upgrade', '3a8f4795c3d9e40d2f2f435909f2c92af1fa2e803e08697e9bd983916a1da618', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

COMMIT;

