#include "engine/yaml/yaml_document.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <vector>

namespace fleet::engine::yaml {

namespace {

// Notes where each document starts (its '---', or its first token) and
// where its root node starts, and ignores the rest: enough to count the
// documents, to name the line of the second, and to see the parser stop
// making progress.
class DocumentStarts : public YAML::EventHandler {
  public:
    struct Document {
        YAML::Mark start;
        YAML::Mark root; // is_null() until the root node is seen
    };
    std::vector<Document> documents;

    void OnDocumentStart(const YAML::Mark& mark) override {
        documents.push_back({mark, YAML::Mark::null_mark()});
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string&) override {
        node(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        node(mark);
    }
    void OnMapEnd() override {}

  private:
    void node(const YAML::Mark& mark) {
        if (!documents.empty() && documents.back().root.is_null()) documents.back().root = mark;
    }
};

} // namespace

YAML::Node load_one_document(std::string_view text, const std::string& file,
                             std::string_view holder) {
    // First pass: at most two documents, stopping before yaml-cpp can loop.
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    DocumentStarts seen;
    while (seen.documents.size() < 2 && parser.HandleNextDocument(seen)) {
    }
    if (seen.documents.size() == 2) {
        const auto& [start, root] = seen.documents[1];
        // A second document where the first began: the parser consumed
        // nothing, and LoadAll would spin here forever.
        if (start.pos == seen.documents[0].start.pos)
            throw YAML::ParserException(start, "no YAML node can start here");
        throw InputError(file, (root.is_null() ? start : root).line + 1,
                         fmt::format("more than one YAML document; {} holds one", holder));
    }
    // Second pass: the one document as a node tree (YAML::Load stops after it).
    return YAML::Load(std::string(text));
}

} // namespace fleet::engine::yaml
