-- golden: `fleet upgrade head --sql` of examples/quickstart on sqlite:
-- golden: one transaction, the version table created from base, each revision's
-- golden: statements, its version-table write and its fleet_history row.
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

-- Running upgrade  -> 3f1c2a9b8d70

CREATE TABLE accounts (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_email UNIQUE (email)
);

INSERT INTO alembic_version (version_num) VALUES ('3f1c2a9b8d70');

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 1, '3f1c2a9b8d70', 'upgrade', '570c2039be971eb977dcddf07bcc9066db5a0d31299aadf94831421394793272', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 3f1c2a9b8d70 -> 8a4e6d0c5b21

CREATE TABLE extractions (
    id INTEGER NOT NULL,
    account_id BIGINT NOT NULL,
    body TEXT,
    CONSTRAINT pk_extractions PRIMARY KEY (id),
    CONSTRAINT fk_extractions_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE INDEX ix_extractions_account_id ON extractions (account_id);

UPDATE alembic_version SET version_num='8a4e6d0c5b21' WHERE alembic_version.version_num = '3f1c2a9b8d70';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 2, '8a4e6d0c5b21', 'upgrade', 'bbd20ff7829dac10577db75ea6075d76a84acd738a17a4852b4a1341a3669fcd', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

-- Running upgrade 8a4e6d0c5b21 -> 1a2b3c4d5e6f

ALTER TABLE extractions ADD COLUMN review_notes VARCHAR(500);

UPDATE extractions SET body = '' WHERE body IS NULL;

CREATE TABLE _fleet_rebuild_extractions (
    id INTEGER NOT NULL,
    account_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    review_notes VARCHAR(500),
    CONSTRAINT pk_extractions PRIMARY KEY (id),
    CONSTRAINT fk_extractions_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

INSERT INTO _fleet_rebuild_extractions (id, account_id, body, review_notes) SELECT id, account_id, body, review_notes FROM extractions;

DROP TABLE extractions;

ALTER TABLE _fleet_rebuild_extractions RENAME TO extractions;

CREATE INDEX ix_extractions_account_id ON extractions (account_id);

CREATE TEMP TABLE _fleet_foreign_key_check (tbl TEXT, CONSTRAINT "foreign_key_check: rows of table extractions break a foreign key after the rebuild of extractions" CHECK (tbl IS NOT 'extractions'));

INSERT INTO temp._fleet_foreign_key_check SELECT "table" FROM pragma_foreign_key_check('extractions');

DROP TABLE temp._fleet_foreign_key_check;

UPDATE alembic_version SET version_num='1a2b3c4d5e6f' WHERE alembic_version.version_num = '8a4e6d0c5b21';

INSERT INTO fleet_history (run_id, step, revision, direction, checksum, started_at, finished_at, duration_ms, outcome, fleet_version, host) VALUES ('<run-id>', 3, '1a2b3c4d5e6f', 'upgrade', 'd5b53a23f7fbfc3eacb4904efa40add678595389eb91284219b7e9065acaab4e', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, NULL, 'done', '<version>', '<host>');

COMMIT;

