#include "engine/script/revision_writer.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"
#include "engine/util/text.hpp"
#include "engine/util/time.hpp"
#include "engine/util/unicode.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace fleet::engine::script {

namespace {

// ---- checks and rendering

void check_fields(const NewRevision& revision) {
    auto check = [](const std::string& problem) {
        if (!problem.empty()) throw UsageError(problem);
    };
    check(revision_id_problem(revision.id));
    for (const std::string& id : revision.down_revisions)
        check(revision_id_problem(id));
    for (const std::string& label : revision.branch_labels) {
        check(label_problem(label, "branch label"));
    }
    for (const std::string& entry : revision.depends_on) {
        check(label_problem(entry, "depends_on entry"));
    }
    if (util::trim(revision.create_date).empty())
        throw UsageError("a new revision needs a create_date");
}

std::string yaml_scalar(const std::string& value) {
    YAML::Emitter emitter;
    emitter << value;
    return emitter.c_str();
}

std::string yaml_ids(const std::vector<std::string>& ids, bool null_when_empty) {
    if (ids.empty()) return null_when_empty ? "null" : "[]";
    if (ids.size() == 1 && null_when_empty) return ids.front();
    return fmt::format("[{}]", fmt::join(ids, ", "));
}

std::string ending_with_newline(std::string_view text) {
    std::string body(text);
    if (!body.empty() && body.back() != '\n') body += '\n';
    return body;
}

// One direction's sections: the plain one (a placeholder when it is empty
// and no dialect has its own), then one per dialect.
std::string sql_sections(std::string_view direction, const std::string& body,
                         const std::map<std::string, std::string>& by_dialect,
                         std::string_view placeholder) {
    std::string text;
    if (!body.empty() || by_dialect.empty()) {
        text += fmt::format("-- +{}\n", direction);
        text += body.empty() ? std::string(placeholder) : ending_with_newline(body);
    }
    for (const auto& [dialect, statements] : by_dialect) {
        if (!text.empty()) text += "\n";
        text += fmt::format("-- +{} {}\n", direction, dialect);
        text += statements.empty() ? fmt::format("-- nothing to run on {}\n", dialect)
                                   : ending_with_newline(statements);
    }
    return text;
}

std::string render_sql(const NewRevision& r) {
    std::string text =
        fmt::format("-- revision: {}\n"
                    "-- down_revision: {}\n"
                    "-- branch_labels: {}\n"
                    "-- depends_on: {}\n"
                    "-- message: {}\n"
                    "-- create_date: {}\n"
                    "-- transactional: {}\n"
                    "\n",
                    r.id, fmt::join(r.down_revisions, ", "), fmt::join(r.branch_labels, ", "),
                    fmt::join(r.depends_on, ", "), util::one_line(r.message),
                    util::trim(r.create_date), r.transactional ? "true" : "false");
    text += sql_sections("upgrade", r.upgrade_body, r.upgrade_by_dialect,
                         "-- The statements that apply this revision, each ending with ';'.\n"
                         "-- A section '-- +upgrade postgresql' or '-- +upgrade sqlite' replaces\n"
                         "-- this one on that dialect.\n");
    if (!r.has_downgrade) return text;
    text += "\n";
    text += sql_sections("downgrade", r.downgrade_body, r.downgrade_by_dialect,
                         "-- The statements that undo the upgrade. Delete this section if the\n"
                         "-- revision cannot be undone: downgrading past it is then refused.\n");
    return text;
}

std::string render_yaml(const NewRevision& r) {
    std::string text = fmt::format(
        "revision: {}\n"
        "down_revision: {}\n"
        "branch_labels: {}\n"
        "depends_on: {}\n"
        "message: {}\n"
        "create_date: {}\n"
        "transactional: {}\n"
        "\n",
        r.id, yaml_ids(r.down_revisions, true), yaml_ids(r.branch_labels, false),
        yaml_ids(r.depends_on, false), yaml_scalar(util::one_line(r.message)),
        yaml_scalar(std::string(util::trim(r.create_date))), r.transactional ? "true" : "false");
    text += r.upgrade_body.empty()
                ? "# The steps that apply this revision; they mirror Alembic's op.*:\n"
                  "#   - execute: \"CREATE TABLE notes (id INTEGER PRIMARY KEY)\"\n"
                  "#   - execute: {postgresql: \"...\", sqlite: \"...\"}\n"
                  "upgrade: []\n"
                : "upgrade:\n" + ending_with_newline(r.upgrade_body);
    if (!r.has_downgrade) return text;
    text += "\n";
    text += r.downgrade_body.empty()
                ? "# The steps that undo the upgrade. Delete this key if the revision\n"
                  "# cannot be undone: downgrading past it is then refused.\n"
                  "downgrade: []\n"
                : "downgrade:\n" + ending_with_newline(r.downgrade_body);
    return text;
}

} // namespace

std::string new_revision_id() {
    std::random_device entropy;
    const std::uint64_t bits = std::uint64_t(entropy()) << 32 | entropy();
    return fmt::format("{:012x}", bits & 0xffff'ffff'ffffULL);
}

std::string utc_create_date(std::chrono::system_clock::time_point when) {
    return util::utc_timestamp(when);
}

std::string revision_slug(std::string_view message, std::size_t truncate_length) {
    // Alembic: "_".join(re.findall(r"\w+", message)).lower(), then the cut.
    std::u32string joined;
    bool in_word = false;
    for (char32_t c : util::utf8_decode(message)) {
        if (!util::is_python_word(c)) {
            in_word = false;
            continue;
        }
        if (!in_word && !joined.empty()) joined += U'_';
        in_word = true;
        joined += c;
    }
    std::u32string slug = util::python_lower(joined);
    if (slug.size() > truncate_length) {
        slug.resize(truncate_length);
        if (const auto last = slug.rfind(U'_'); last != std::u32string::npos) slug.resize(last);
        slug += U'_';
    }
    return util::utf8_encode(slug);
}

std::string revision_file_name(const NewRevision& revision) {
    return fmt::format("{}_{}{}", revision.id, revision_slug(revision.message),
                       format_extension(revision.format));
}

std::string render_revision(const NewRevision& revision) {
    check_fields(revision);
    return revision.format == ScriptFormat::sql ? render_sql(revision) : render_yaml(revision);
}

std::filesystem::path write_revision(const std::filesystem::path& script_location,
                                     const NewRevision& revision) {
    const std::string text = render_revision(revision);
    const std::filesystem::path versions = script_location / "versions";
    std::error_code error;
    if (!std::filesystem::is_directory(versions, error)) {
        throw InputError(
            "", 0,
            fmt::format("script folder '{}' has no versions/ folder", script_location.string()));
    }
    const std::filesystem::path path = versions / revision_file_name(revision);
    write_new_file(path, text);
    return path;
}

void write_new_file(const std::filesystem::path& path, std::string_view text) {
    // "x": fail rather than overwrite, even if another process races us.
    std::FILE* file = std::fopen(path.c_str(), "wbx");
    if (file == nullptr) {
        if (errno == EEXIST) throw UsageError(fmt::format("'{}' already exists", path.string()));
        throw InputError(path.string(), 0,
                         fmt::format("cannot create the file: {}", std::strerror(errno)));
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        throw InputError(path.string(), 0,
                         fmt::format("cannot write the file: {}", std::strerror(errno)));
    }
}

} // namespace fleet::engine::script
