-- revision: lint_p30
-- down_revision: lint_pg_base
-- message: the same drop, waived with a reason
-- fleet:allow drop-table unused since the 2025 audit move and backed up to cold storage

-- +upgrade
DROP TABLE audit_log;
