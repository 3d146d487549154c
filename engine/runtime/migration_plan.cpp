#include "engine/runtime/migration_plan.hpp"

#include "engine/revision/command_errors.hpp"
#include "engine/revision/revision_arg.hpp"
#include "engine/revision/revision_error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::runtime {

using revision::CommandWording;
using revision::RevisionArg;
using revision::with_command_wording;

std::vector<MigrationStep> plan_upgrade(const revision::RevisionMap& map,
                                        std::string_view destination,
                                        const std::vector<std::string>& current_heads) {
    CommandWording wording;
    wording.ancestor = "Destination %(end)s is not a valid upgrade target from current head(s)";
    wording.end = RevisionArg(destination);
    return with_command_wording(wording, [&] {
        auto revs = map.iterate_revisions(RevisionArg(destination),
                                          RevisionArg::tuple(current_heads), true);
        std::vector<MigrationStep> steps;
        for (auto it = revs.rbegin(); it != revs.rend(); ++it)
            steps.push_back(MigrationStep::upgrade(map, **it));
        return steps;
    });
}

std::vector<MigrationStep> plan_downgrade(const revision::RevisionMap& map,
                                          std::string_view destination,
                                          const std::vector<std::string>& current_heads) {
    CommandWording wording;
    wording.ancestor = "Destination %(end)s is not a valid downgrade target from current head(s)";
    wording.end = RevisionArg(destination);
    return with_command_wording(wording, [&] {
        std::vector<MigrationStep> steps;
        for (const auto* rev :
             map.iterate_revisions(RevisionArg::tuple(current_heads), RevisionArg(destination),
                                   false, false, true, true))
            steps.push_back(MigrationStep::downgrade(map, *rev));
        return steps;
    });
}

std::vector<MigrationStep> plan_stamp(const revision::RevisionMap& map,
                                      const std::vector<std::string>& destinations,
                                      const std::vector<std::string>& current_heads, bool purge) {
    using revision::Revision;
    const std::vector<std::string> heads = purge ? std::vector<std::string>{} : current_heads;
    // Alembic resolves names through ScriptDirectory.get_revisions (default
    // wording) and filters lineage with the stamp's own wording.
    const CommandWording plain;
    CommandWording stamp_wording;
    stamp_wording.multiple_heads = "Multiple heads are present; please specify a single target "
                                   "revision";

    auto heads_revs =
        with_command_wording(plain, [&] { return map.get_revisions(RevisionArg::tuple(heads)); });
    const RevisionArg revision =
        destinations.empty() ? RevisionArg("base") : RevisionArg::tuple(destinations);

    std::vector<const Revision*> filtered_heads;
    with_command_wording(stamp_wording, [&] {
        for (const auto& rev : revision.to_tuple()) {
            if (rev.empty()) continue;
            for (const Revision* head : map.filter_for_lineage(heads_revs, RevisionArg(rev), true))
                if (std::find(filtered_heads.begin(), filtered_heads.end(), head) ==
                    filtered_heads.end())
                    filtered_heads.push_back(head);
        }
    });
    std::vector<std::string> filtered_ids;
    for (const Revision* head : filtered_heads)
        filtered_ids.push_back(head->id);

    auto dests = with_command_wording(plain, [&] { return map.resolve(revision); });
    if (dests.empty()) dests.push_back(revision::RevisionMap::Resolved::none());

    std::vector<MigrationStep> steps;
    for (const auto& resolved : dests) {
        // A relative walk that ended just below a root gives Alembic's "base"
        // marker, which its stamp cannot use (it fails on an assertion); one
        // that went further gives None, which stamps base.
        if (resolved.base)
            throw RevisionError(fmt::format(
                "Can't stamp {}: it resolves to below the first revision", revision.repr()));
        const Revision* dest = resolved.rev;
        if (!dest) {
            // To base: remove every applicable head.
            for (const auto& id : filtered_ids)
                steps.push_back(MigrationStep::stamp(map, {id}, {}, false, true));
            continue;
        }
        if (std::find(filtered_heads.begin(), filtered_heads.end(), dest) != filtered_heads.end())
            continue; // already in the version table
        auto in_heads = [&](const std::vector<const Revision*>& revs) {
            return std::any_of(revs.begin(), revs.end(), [&](const Revision* r) {
                return std::find(filtered_heads.begin(), filtered_heads.end(), r) !=
                       filtered_heads.end();
            });
        };
        const bool heads_above = in_heads(map.get_descendant_nodes({dest}));
        const bool heads_below = in_heads(map.get_ancestor_nodes({dest}));
        if (heads_above && heads_below)
            // Alembic asserts this never happens; it does when the heads named
            // for one destination sit on both sides of it.
            throw RevisionError(
                fmt::format("Can't stamp {}: the current heads {} are both above and below it",
                            dest->id, fmt::join(filtered_ids, ", ")));
        if (heads_above) {
            // The heads are above: one step down, merging them.
            steps.push_back(MigrationStep::stamp(map, filtered_ids, {dest->id}, false, false));
        } else if (heads_below) {
            // The heads are below: one step up, merging them.
            steps.push_back(MigrationStep::stamp(map, filtered_ids, {dest->id}, true, false));
        } else {
            // A branch not in the table yet.
            steps.push_back(MigrationStep::stamp(map, {}, {dest->id}, true, true));
        }
    }
    return steps;
}

} // namespace fleet::engine::runtime
