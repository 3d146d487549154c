#pragma once

#include "engine/error.hpp"
#include "engine/revision/revision_arg.hpp"

#include <optional>
#include <string>
#include <utility>

namespace fleet::engine::revision {

// How a command words the revision errors of what it runs: Alembic's
// ScriptDirectory._catch_revision_errors. Templates use Alembic's
// placeholders: %(start)s and %(end)s in `ancestor`, %(head_arg)s and
// %(heads)s in `multiple_heads`. An empty template means Alembic's default:
//  ancestor:       "Requested range %(start)s:%(end)s does not refer to
//                   ancestor/descendant revisions along the same branch"
//  multiple_heads: "Multiple head revisions are present for given argument
//                   '%(head_arg)s'; please specify a specific target revision,
//                   '<branchname>@%(head_arg)s' to narrow to a specific head,
//                   or 'heads' for all heads (the heads: %(heads)s)" —
//                  Alembic's words plus the heads, which fleet promises to name
//  resolution:     "Can't locate revision identified by '<argument>'"
// start/end default to the error's own range; head_arg is end, else the
// error's argument.
struct CommandWording {
    std::string ancestor;
    std::string multiple_heads;
    std::optional<RevisionArg> start;
    std::optional<RevisionArg> end;
    std::string resolution;
};

// Re-throws the RevisionError being handled with the command's wording, keeping
// its type (RangeNotAncestorError, MultipleHeads, ResolutionError keep theirs;
// the rest are re-thrown as they are, as Alembic keeps their message). Where
// Alembic's "Can't locate revision" would drop the detail (an ambiguous
// prefix, a revision outside the branch) the detail is appended, so the
// message still names the revisions involved.
// Call only from inside a catch block.
[[noreturn]] void rethrow_with_command_wording(const CommandWording& wording);

// Runs fn, re-wording any RevisionError it throws as `wording` says.
template <class Fn>
auto with_command_wording(const CommandWording& wording, Fn&& fn) -> decltype(fn()) {
    try {
        return std::forward<Fn>(fn)();
    } catch (const RevisionError&) {
        rethrow_with_command_wording(wording);
    }
}

} // namespace fleet::engine::revision
