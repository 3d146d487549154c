#include "orchestrator/rollout/report_merge.hpp"

#include "engine/error.hpp"
#include "inventory/shard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace fleet::orchestrator::rollout {

namespace {

// The two reports must describe one rollout: the same command to the same
// revision. Anything else is a mistake in the merge job's file list.
void require_same_rollout(const ShardReport& first, const ShardReport& other) {
    const auto& a = first.document;
    const auto& b = other.document;
    if (a.command != b.command || a.revision != b.revision)
        throw UsageError(fmt::format(
            "fleet report merge: {} is a report of `{} {}` but {} is of `{} {}`; merge the "
            "reports of one rollout",
            first.file, a.command, a.revision, other.file, b.command, b.revision));
}

// When every report is a slice of the same N: the slices with no report.
// Slices of different N overlap each other, and a slice given twice would
// count its targets twice: both are refused.
std::vector<std::string> missing_slices(const std::vector<ShardReport>& reports) {
    std::map<int, const ShardReport*> slices;
    int count = 0;
    const ShardReport* counted = nullptr;
    for (const auto& report : reports) {
        if (!report.document.shard) return {}; // a whole selection or a merged report
        inventory::Shard shard;
        try {
            shard = inventory::Shard::parse(*report.document.shard);
        } catch (const UsageError&) {
            throw UsageError(fmt::format("fleet report merge: {}: shard '{}' is not K/N",
                                         report.file, *report.document.shard));
        }
        if (counted != nullptr && shard.count != count)
            throw UsageError(fmt::format(
                "fleet report merge: {} is shard {} but {} is shard {}: slices of different "
                "counts overlap; merge the reports of one sharded run",
                counted->file, *counted->document.shard, report.file, *report.document.shard));
        count = shard.count;
        counted = &report;
        auto [slot, inserted] = slices.emplace(shard.index, &report);
        if (!inserted)
            throw UsageError(fmt::format("fleet report merge: shard {} is given twice: {} and {}",
                                         *report.document.shard, slot->second->file, report.file));
    }
    std::vector<std::string> missing;
    for (int index = 0; index < count; ++index)
        if (!slices.contains(index)) missing.push_back(inventory::Shard{index, count}.to_string());
    return missing;
}

// The slices a report holds: its own, or for a merged report that lacked
// some, every other slice of that N (one that lacked none does not say N).
std::set<std::string> slices_held(const RolloutDocument& document) {
    std::set<std::string> held;
    if (document.shard) held.insert(*document.shard);
    for (const auto& missing : document.missing_shards) {
        const auto count = inventory::Shard::parse(missing).count;
        for (int index = 0; index < count; ++index)
            held.insert(inventory::Shard{index, count}.to_string());
    }
    for (const auto& missing : document.missing_shards)
        held.erase(missing);
    return held;
}

// The slices still missing: those found missing among the slices' reports
// and those merged reports lacked, less any another report holds (a late
// report merged into an earlier, partial merge).
std::vector<std::string> still_missing(const std::vector<ShardReport>& reports) {
    std::vector<std::string> candidates = missing_slices(reports);
    std::set<std::string> held;
    for (const auto& report : reports) {
        candidates.insert(candidates.end(), report.document.missing_shards.begin(),
                          report.document.missing_shards.end());
        held.merge(slices_held(report.document));
    }
    std::vector<std::string> missing;
    for (const auto& slice : candidates)
        if (!held.contains(slice) &&
            std::find(missing.begin(), missing.end(), slice) == missing.end())
            missing.push_back(slice);
    return missing;
}

} // namespace

RolloutDocument merge_reports(const std::vector<ShardReport>& reports, const std::string& run) {
    if (reports.empty()) throw UsageError("fleet report merge: no reports to merge");
    RolloutDocument merged;
    merged.command = reports.front().document.command;
    merged.revision = reports.front().document.revision;
    merged.run = run;
    merged.missing_shards = still_missing(reports);
    // Which file each target came from, to name both when two slices overlap.
    std::unordered_map<std::string, const std::string*> owner;
    for (const auto& shard_report : reports) {
        require_same_rollout(reports.front(), shard_report);
        const auto& document = shard_report.document;
        if (document.runs.empty()) {
            merged.runs.push_back(document.run);
        } else {
            merged.runs.insert(merged.runs.end(), document.runs.begin(), document.runs.end());
        }
        const auto& report = document.report;
        for (const auto& outcome : report.outcomes) {
            auto [slot, inserted] = owner.emplace(outcome.target, &shard_report.file);
            if (!inserted)
                throw UsageError(fmt::format(
                    "fleet report merge: target {} is in two reports, {} and {}: their slices "
                    "overlapped (were they sharded with the same N and the same inventory?)",
                    outcome.target, *slot->second, shard_report.file));
            merged.report.outcomes.push_back(outcome);
        }
        merged.report.interrupted = merged.report.interrupted || report.interrupted;
        if (report.halted) {
            merged.report.halted = true;
            const std::string reason =
                document.shard ? fmt::format("shard {}: {}", *document.shard, report.halt_reason)
                               : report.halt_reason;
            merged.report.halt_reason += (merged.report.halt_reason.empty() ? "" : "; ") + reason;
        }
    }
    return merged;
}

} // namespace fleet::orchestrator::rollout
