#pragma once

#include "engine/command/target_audit.hpp"
#include "engine/error.hpp"
#include "engine/schema/schema_compare.hpp"
#include "plugins/reporters/status_report.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// The content of `fleet audit`: `fleet status`'s report, the scripts edited
// after they ran, and schema drift (targets at the same revisions whose
// schema differs from their peers'). Pure values, no I/O; audit_table and
// audit_json render it. README.md in this folder documents both forms.
namespace fleet::plugins::reporters {

using engine::command::TargetAudit;

// One target's audit.
struct AuditRow {
    std::string environment;
    std::string database;
    TargetAudit audit;
    // The schema the target's applied revisions build, replayed on a scratch
    // database and narrowed as audit.schema is (nullopt: not replayed, and
    // then the target is compared with its peers instead).
    std::optional<engine::schema::Schema> expected;
    std::string not_replayed; // why expected is missing, when it was tried

    std::string name() const { return environment + "/" + database; }
};

// A target whose schema differs from the one its applied revisions build
// (group_size 0, reference empty) or, where that could not be replayed,
// from the most common one among the targets of its environment at the
// same applied revisions.
struct AuditDrift {
    std::string environment;
    std::string target;
    std::string reference;              // a target with the group's most common schema
    std::vector<std::string> revisions; // the version rows the target (and group) has
    std::size_t group_size = 0;         // targets at those revisions whose schema was read
    std::vector<engine::schema::Difference> differences; // reference (left) -> target (right)
};

struct AuditReport {
    StatusReport status;
    std::vector<AuditRow> rows; // inventory order
    std::vector<AuditDrift> drift;
};

// Builds the report: the status summary (status_report's summarize) and the
// drift: a target with an expected schema against it; the others, per
// environment, grouped by their version rows (sorted), each against its
// group's most common schema (ties: the earlier target's). Never throws but
// std::bad_alloc.
AuditReport make_audit_report(std::vector<AuditRow> rows,
                              const std::vector<std::string>& environments);

// How many things the audit found, for the summary line and JSON.
struct AuditCounts {
    std::size_t targets = 0;
    std::size_t unreadable = 0;     // status unreachable/error, or the checks failed
    std::size_t unhealthy = 0;      // status not up to date
    std::size_t edited_scripts = 0; // edited-script findings, over all targets
    std::size_t drifted = 0;        // targets drifted
    std::size_t no_history = 0;     // targets without fleet_history
};
AuditCounts count_audit(const AuditReport& report);

// 1 when a target could not be read (or its checks failed); else 3 when a
// target is not up to date, a script was edited after it ran, or a target
// drifted; else 0.
ExitCode audit_exit_code(const AuditReport& report);

} // namespace fleet::plugins::reporters
