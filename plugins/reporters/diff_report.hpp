#pragma once

#include "engine/command/target_schema.hpp"
#include "engine/error.hpp"
#include "engine/schema/schema_compare.hpp"

#include <cstddef>
#include <string>
#include <vector>

// The content of `fleet diff LEFT RIGHT`: each side's schemas, LEFT's
// (most common) schema compared with RIGHT's, and, for environments, the
// targets that differ from their own environment's most common schema.
// Pure values, no I/O; diff_table and diff_json render it. README.md in this
// folder documents both forms and the exit code.
namespace fleet::plugins::reporters {

using engine::command::TargetSchema;
using engine::schema::Difference;

// One side as read: a target, or every target of an environment.
struct DiffSideInput {
    std::string name;                  // as given on the command line, or the target's full name
    bool environment = false;          // an environment (else one target)
    std::vector<TargetSchema> targets; // inventory order
};

struct DiffSide {
    std::string name;
    bool environment = false;
    std::vector<TargetSchema> targets;
    // The distinct schemas among the targets that could be read, most
    // common first: each is the positions in targets sharing it.
    std::vector<std::vector<std::size_t>> schemas;

    // The first target with the most common schema; nullptr when none was read.
    const TargetSchema* reference() const;
    // Targets whose schema could not be read.
    std::size_t unreadable() const;
};

// A target whose schema differs from its environment's most common one.
struct DriftedTarget {
    std::string target;
    std::string reference;               // a target with the environment's most common schema
    std::vector<Difference> differences; // from reference (left) to target (right)
};

struct DiffReport {
    DiffSide left;
    DiffSide right;
    // Whether both sides had a schema to compare (a reference each).
    bool compared = false;
    // From LEFT's reference schema to RIGHT's; descriptions name the sides.
    std::vector<Difference> differences;
    // Environments only: drift inside each side, LEFT's then RIGHT's.
    std::vector<DriftedTarget> drift;
};

// Builds the report: groups each side's schemas, compares the references,
// finds drift. Never throws but std::bad_alloc.
DiffReport make_diff_report(DiffSideInput left, DiffSideInput right);

// 1 when a target could not be read; else 3 when anything differs (between
// the sides, or drift inside one); else 0.
ExitCode diff_exit_code(const DiffReport& report);

} // namespace fleet::plugins::reporters
