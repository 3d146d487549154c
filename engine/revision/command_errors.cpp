#include "engine/revision/command_errors.hpp"

#include "engine/revision/revision_error.hpp"

#include <fmt/format.h>

namespace fleet::engine::revision {

namespace {

constexpr const char* k_default_ancestor =
    "Requested range %(start)s:%(end)s does not refer to ancestor/descendant revisions along "
    "the same branch";
constexpr const char* k_default_multiple_heads =
    "Multiple head revisions are present for given argument '%(head_arg)s'; please specify a "
    "specific target revision, '<branchname>@%(head_arg)s' to narrow to a specific head, or "
    "'heads' for all heads (the heads: %(heads)s)";

// Python's "%(name)s" % {...} for the names Alembic uses.
std::string substitute(std::string text, const std::string& name, const std::string& value) {
    const std::string placeholder = "%(" + name + ")s";
    for (auto pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + value.size()))
        text.replace(pos, placeholder.size(), value);
    return text;
}

} // namespace

void rethrow_with_command_wording(const CommandWording& wording) {
    try {
        throw;
    } catch (const RangeNotAncestorError& e) {
        std::string start = wording.start ? wording.start->repr() : e.lower();
        std::string end = wording.end ? wording.end->repr() : e.upper();
        std::string text = wording.ancestor.empty() ? k_default_ancestor : wording.ancestor;
        text = substitute(substitute(text, "start", start), "end", end);
        throw RangeNotAncestorError(e.lower(), e.upper(), text);
    } catch (const MultipleHeads& e) {
        std::string head_arg = wording.end && *wording.end ? wording.end->repr() : e.argument();
        std::string text =
            wording.multiple_heads.empty() ? k_default_multiple_heads : wording.multiple_heads;
        text = substitute(text, "head_arg", head_arg);
        text = substitute(text, "heads", fmt::format("{}", fmt::join(e.heads(), ", ")));
        throw MultipleHeads(e.heads(), e.argument(), text);
    } catch (const ResolutionError& e) {
        std::string text = wording.resolution;
        if (text.empty()) {
            text = fmt::format("Can't locate revision identified by '{}'", e.argument());
            std::string detail = e.what();
            if (!detail.starts_with("No such revision or branch")) text += " (" + detail + ")";
        }
        throw ResolutionError(text, e.argument());
    }
}

} // namespace fleet::engine::revision
