#include "engine/script/script_file.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_names.hpp"
#include "engine/script/script_source.hpp"
#include "engine/script/sql_script.hpp"
#include "engine/script/yaml_script.hpp"
#include "engine/util/text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

namespace fleet::engine::script {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// The file's bytes. One open, fstat and read (two for a file that grew
// meanwhile): at 3,000 revision files a stream and a separate stat per file
// cost more than the parsing `heads` needs.
std::string read_bytes(const std::filesystem::path& file) {
    const auto failed = [&file](int error) {
        return InputError(file.string(), 0,
                          std::string("cannot read the file: ") + std::strerror(error));
    };
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw failed(errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0) throw failed(errno);
    // A folder opens for reading but reads nothing: say so rather than
    // calling it an empty file.
    if (S_ISDIR(status.st_mode)) {
        throw InputError(file.string(), 0, "cannot read the file: it is a folder");
    }
    std::string bytes;
    std::size_t size = 0;
    // One byte more than the file's size, so a single short read is the end.
    std::size_t room = static_cast<std::size_t>(status.st_size) + 1;
    while (true) {
        bytes.resize(size + room);
        const ssize_t got = ::read(fd, bytes.data() + size, room);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw failed(errno);
        }
        size += static_cast<std::size_t>(got);
        if (static_cast<std::size_t>(got) < room) break;
        room = std::max<std::size_t>(room, 4096);
    }
    bytes.resize(size);
    return bytes;
}

// The text to parse: without its byte order mark. Throws when blank.
std::string_view parsed_text(std::string_view text, const std::string& file) {
    std::string_view body = text;
    if (body.substr(0, k_utf8_bom.size()) == k_utf8_bom) body.remove_prefix(k_utf8_bom.size());
    if (util::trim(body).empty()) throw InputError(file, 0, "the file is empty");
    return body;
}

Script parse_header(std::string_view text, const std::string& file, ScriptFormat format,
                    Body* body) {
    return format == ScriptFormat::sql ? parse_sql_script(text, file, body)
                                       : parse_yaml_script(text, file, body);
}

Script parse_bytes(std::string bytes, const std::string& file, ScriptFormat format, Parse parse) {
    std::optional<Body> body;
    if (parse == Parse::everything) body.emplace();
    Script script = parse_header(parsed_text(bytes, file), file, format, body ? &*body : nullptr);
    script.revision.source = file;
    script.path = file;
    script.format = format_name(format);
    script.source =
        std::make_shared<const ScriptSource>(std::move(bytes), file, format, std::move(body));
    return script;
}

} // namespace

Script load_script_file(const std::filesystem::path& file, Parse parse) {
    const auto format = format_of(file);
    if (!format) {
        throw InputError(file.string(), 0,
                         "not a revision file: the name must end in .sql, .yaml or .yml");
    }
    return parse_bytes(read_bytes(file), file.string(), *format, parse);
}

Script parse_script(std::string_view text, const std::string& file, ScriptFormat format,
                    Parse parse) {
    return parse_bytes(std::string(text), file, format, parse);
}

Body parse_body(std::string_view text, const std::string& file, ScriptFormat format) {
    Body body;
    (void)parse_header(parsed_text(text, file), file, format, &body);
    return body;
}

} // namespace fleet::engine::script
