#include "engine/script/revision_writer.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

namespace fleet::engine::script {

namespace {

// ---- slug: Python's re \w and str.lower(), for the characters that matter.

// Decodes one UTF-8 character at `pos`, advancing it. A malformed byte comes
// back alone, as a code point >= 0x80, so it stays in the slug as a letter.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const int length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xe  ? 3
                       : (lead >> 3) == 0x1e ? 4
                                             : 0;
    if (length == 0 || pos + length > text.size()) {
        ++pos;
        return lead;
    }
    char32_t cp = length == 1 ? lead : lead & (0x7f >> length);
    for (int i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[pos + i]);
        if ((next >> 6) != 0x2) {
            ++pos;
            return lead;
        }
        cp = cp << 6 | (next & 0x3f);
    }
    pos += length;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | cp >> 6);
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | cp >> 12);
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | cp >> 18);
        out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

bool in(char32_t cp, char32_t first, char32_t last) {
    return cp >= first && cp <= last;
}

// Python's \w: letters, digits and '_'. Beyond ASCII, everything is a letter
// except the punctuation, symbol, mark and emoji blocks below.
bool is_word(char32_t cp) {
    if (cp < 0x80) {
        return in(cp, 'a', 'z') || in(cp, 'A', 'Z') || in(cp, '0', '9') || cp == '_';
    }
    if (in(cp, 0x80, 0xbf)) {
        // Latin-1's letters and digits among its symbols: ª ² ³ µ ¹ º ¼ ½ ¾
        return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 || cp == 0xb9 || cp == 0xba ||
               in(cp, 0xbc, 0xbe);
    }
    return !(cp == 0xd7 || cp == 0xf7 || in(cp, 0x300, 0x36f) || in(cp, 0x2000, 0x206f) ||
             in(cp, 0x20a0, 0x20cf) || in(cp, 0x2190, 0x245f) || in(cp, 0x2500, 0x2bff) ||
             in(cp, 0x3000, 0x3004) || in(cp, 0x3008, 0x3020) || in(cp, 0xfe00, 0xfe0f) ||
             in(cp, 0xff01, 0xff0f) || in(cp, 0xff1a, 0xff20) || in(cp, 0xff3b, 0xff3e) ||
             cp == 0xff40 || in(cp, 0xff5b, 0xff65) || in(cp, 0x1f000, 0x1faff));
}

// str.lower() for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
char32_t lower(char32_t cp) {
    if (in(cp, 'A', 'Z')) return cp + 0x20;
    if ((in(cp, 0xc0, 0xde) && cp != 0xd7) || (in(cp, 0x391, 0x3a9) && cp != 0x3a2) ||
        in(cp, 0x410, 0x42f)) {
        return cp + 0x20;
    }
    if (in(cp, 0x400, 0x40f)) return cp + 0x50;
    // Latin Extended-A pairs capital and small side by side; İ lowers to two
    // characters in Python and is left alone.
    if ((in(cp, 0x100, 0x137) && cp % 2 == 0 && cp != 0x130) ||
        (in(cp, 0x14a, 0x177) && cp % 2 == 0) || (in(cp, 0x139, 0x148) && cp % 2 == 1) ||
        (in(cp, 0x179, 0x17e) && cp % 2 == 1)) {
        return cp + 1;
    }
    return cp;
}

// ---- checks and rendering

void check_fields(const NewRevision& revision) {
    auto check = [](const std::string& problem) {
        if (!problem.empty()) throw UsageError(problem);
    };
    check(revision_id_problem(revision.id));
    for (const std::string& id : revision.down_revisions) check(revision_id_problem(id));
    for (const std::string& label : revision.branch_labels) {
        check(label_problem(label, "branch label"));
    }
    for (const std::string& entry : revision.depends_on) {
        check(label_problem(entry, "depends_on entry"));
    }
    if (trim(revision.create_date).empty()) throw UsageError("a new revision needs a create_date");
}

// The message on one line: a header line ends at the line's end.
std::string one_line(std::string_view message) {
    std::string line;
    for (char c : trim(message)) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return line;
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

std::string render_sql(const NewRevision& r) {
    std::string text =
        fmt::format("-- revision: {}\n"
                    "-- down_revision: {}\n"
                    "-- branch_labels: {}\n"
                    "-- depends_on: {}\n"
                    "-- message: {}\n"
                    "-- create_date: {}\n"
                    "-- transactional: true\n"
                    "\n"
                    "-- +upgrade\n",
                    r.id, fmt::join(r.down_revisions, ", "), fmt::join(r.branch_labels, ", "),
                    fmt::join(r.depends_on, ", "), one_line(r.message), trim(r.create_date));
    text += r.upgrade_body.empty()
                ? "-- The statements that apply this revision, each ending with ';'.\n"
                  "-- A section '-- +upgrade postgresql' or '-- +upgrade sqlite' replaces\n"
                  "-- this one on that dialect.\n"
                : ending_with_newline(r.upgrade_body);
    text += "\n-- +downgrade\n";
    text += r.downgrade_body.empty()
                ? "-- The statements that undo the upgrade. Delete this section if the\n"
                  "-- revision cannot be undone: downgrading past it is then refused.\n"
                : ending_with_newline(r.downgrade_body);
    return text;
}

std::string render_yaml(const NewRevision& r) {
    std::string text =
        fmt::format("revision: {}\n"
                    "down_revision: {}\n"
                    "branch_labels: {}\n"
                    "depends_on: {}\n"
                    "message: {}\n"
                    "create_date: {}\n"
                    "transactional: true\n"
                    "\n",
                    r.id, yaml_ids(r.down_revisions, true), yaml_ids(r.branch_labels, false),
                    yaml_ids(r.depends_on, false), yaml_scalar(one_line(r.message)),
                    yaml_scalar(std::string(trim(r.create_date))));
    text += r.upgrade_body.empty()
                ? "# The steps that apply this revision; they mirror Alembic's op.*:\n"
                  "#   - execute: \"CREATE TABLE notes (id INTEGER PRIMARY KEY)\"\n"
                  "#   - execute: {postgresql: \"...\", sqlite: \"...\"}\n"
                  "upgrade: []\n"
                : "upgrade:\n" + ending_with_newline(r.upgrade_body);
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
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string revision_slug(std::string_view message, std::size_t truncate_length) {
    std::u32string slug;
    bool in_word = false;
    for (std::size_t pos = 0; pos < message.size();) {
        const char32_t cp = next_code_point(message, pos);
        if (!is_word(cp)) {
            in_word = false;
            continue;
        }
        if (!in_word && !slug.empty()) slug += U'_';
        in_word = true;
        slug += lower(cp);
    }
    if (slug.size() > truncate_length) {
        slug.resize(truncate_length);
        if (const auto last = slug.rfind(U'_'); last != std::u32string::npos) slug.resize(last);
        slug += U'_';
    }
    std::string text;
    for (char32_t cp : slug) append_utf8(text, cp);
    return text;
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
