// Fuzzes the revision identifier syntax (engine/revision/revision_syntax.cpp,
// revision_identifier.cpp, revision_walk.cpp): what a user types after
// `upgrade`, `downgrade`, `stamp` or `history -r` ("head", "heads", "base",
// an id or prefix, "label@head", "ae1+2", "label@-1", "A:B"), resolved against
// a fixed graph with a branch, a merge, labels, a second root and a
// depends_on, from a few database states. Each call runs as the commands run
// it (engine/runtime/migration_plan.cpp, engine/command/command.cpp), with
// the command wording, whose templates quote the identifier.
#include "engine/error.hpp"
#include "engine/revision/command_errors.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/revision/revision_syntax.hpp"
#include "fuzz/fuzz_input.hpp"

#include <string>
#include <vector>

namespace {

using namespace fleet::engine::revision;

Revision revision(std::string id, std::vector<std::string> down,
                  std::vector<std::string> depends_on = {}, std::vector<std::string> labels = {}) {
    Revision rev;
    rev.id = std::move(id);
    rev.down_revisions = std::move(down);
    rev.depends_on = std::move(depends_on);
    rev.branch_labels = std::move(labels);
    rev.source = "versions/" + rev.id + ".sql";
    return rev;
}

// 0a0a0a <- 1b1b1b, branching into left (2c2c2c <- 3d3d3d) and right
// (4e4e4e <- 5f5f5f), merged by 6a6a6a; a second root net (b0b0b0 <- b1b1b1,
// which depends on 2c2c2c).
const RevisionMap& graph() {
    static const RevisionMap map({
        revision("0a0a0a", {}, {}, {"app"}),
        revision("1b1b1b", {"0a0a0a"}),
        revision("2c2c2c", {"1b1b1b"}, {}, {"left"}),
        revision("3d3d3d", {"2c2c2c"}),
        revision("4e4e4e", {"1b1b1b"}, {}, {"right"}),
        revision("5f5f5f", {"4e4e4e"}),
        revision("6a6a6a", {"3d3d3d", "5f5f5f"}),
        revision("b0b0b0", {}, {}, {"net"}),
        revision("b1b1b1", {"b0b0b0"}, {"2c2c2c"}),
    });
    return map;
}

// Runs one call; a fleet::Error is the expected way to refuse.
template <class Fn> void attempt(Fn&& fn) {
    try {
        (void)fn();
    } catch (const fleet::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(fleet::fuzz::text_of(data, size));
    const RevisionMap& map = graph();

    (void)detail::match_relative(text);
    (void)detail::python_int(text);

    attempt([&] { return map.get_revisions(RevisionArg(text)); });
    attempt([&] { return map.get_revision(RevisionArg(text)); });
    attempt([&] { return map.get_current_head(text); });
    attempt([&] { return map.filter_for_lineage(map.heads(), RevisionArg(text), true); });

    // upgrade / downgrade TARGET from an empty database, a middle and the heads.
    const std::vector<std::vector<std::string>> states = {
        {}, {"3d3d3d"}, {"3d3d3d", "5f5f5f"}, {"6a6a6a", "b1b1b1"}};
    for (const auto& current : states) {
        CommandWording wording;
        wording.ancestor = "Destination %(end)s is not a valid upgrade target from current head(s)";
        wording.end = RevisionArg(text);
        attempt([&] {
            return with_command_wording(wording, [&] {
                return map.iterate_revisions(RevisionArg(text), RevisionArg::tuple(current), true);
            });
        });
        attempt([&] {
            return with_command_wording(wording, [&] {
                return map.iterate_revisions(RevisionArg::tuple(current), RevisionArg(text), false,
                                             false, true, true);
            });
        });
    }

    // history -r START:END, split at the first ':' as the command does.
    auto colon = text.find(':');
    std::string start = colon == std::string::npos ? "base" : text.substr(0, colon);
    std::string end = colon == std::string::npos ? text : text.substr(colon + 1);
    attempt([&] {
        return with_command_wording({}, [&] {
            return map.walk_revisions(RevisionArg(start.empty() ? "base" : start),
                                      RevisionArg(end.empty() ? "heads" : end));
        });
    });
    return 0;
}
