#include "plugins/reporters/junit_xml.hpp"

#include <fmt/format.h>

namespace fleet::plugins::reporters {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

// The length of the UTF-8 sequence at text[i] and its code point, or 0 when
// the bytes there are not UTF-8 (a stray continuation byte, a sequence cut
// short, an overlong form, a surrogate, beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        minimum = 0x80;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        minimum = 0x800;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        minimum = 0x10000;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF))
        return 0;
    return length;
}

std::string seconds_text(double seconds) { return fmt::format("{:.3f}", seconds); }

const char* element_of(JunitCase::Result result) {
    switch (result) {
    case JunitCase::Result::failure:
        return "failure";
    case JunitCase::Result::error:
        return "error";
    case JunitCase::Result::skipped:
        return "skipped";
    case JunitCase::Result::passed:
        break;
    }
    return "";
}

struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    double seconds = 0;

    void add(const JunitCase& test) {
        ++tests;
        failures += test.result == JunitCase::Result::failure ? 1 : 0;
        errors += test.result == JunitCase::Result::error ? 1 : 0;
        skipped += test.result == JunitCase::Result::skipped ? 1 : 0;
        seconds += test.seconds.value_or(0);
    }
    void add(const Counts& other) {
        tests += other.tests;
        failures += other.failures;
        errors += other.errors;
        skipped += other.skipped;
        seconds += other.seconds;
    }
};

Counts counts_of(const JunitSuite& suite) {
    Counts counts;
    for (const auto& test : suite.cases)
        counts.add(test);
    return counts;
}

std::string attribute(std::string_view name, std::string_view value) {
    return fmt::format(" {}=\"{}\"", name, xml_escape(value, true));
}

std::string count_attributes(const Counts& counts) {
    return fmt::format(" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"",
                       counts.tests, counts.failures, counts.errors, counts.skipped,
                       seconds_text(counts.seconds));
}

void write_case(const JunitCase& test, std::ostream& out) {
    out << "    <testcase" << attribute("classname", test.classname)
        << attribute("name", test.name);
    if (test.seconds) out << attribute("time", seconds_text(*test.seconds));
    if (!test.file.empty()) out << attribute("file", test.file);
    if (test.result == JunitCase::Result::passed && test.output.empty()) {
        out << "/>\n";
        return;
    }
    out << ">\n";
    if (test.result != JunitCase::Result::passed) {
        out << "      <" << element_of(test.result);
        if (!test.message.empty()) out << attribute("message", test.message);
        if (!test.type.empty()) out << attribute("type", test.type);
        if (test.details.empty()) {
            out << "/>\n";
        } else {
            out << ">" << xml_escape(test.details, false) << "</" << element_of(test.result)
                << ">\n";
        }
    }
    if (!test.output.empty())
        out << "      <system-out>" << xml_escape(test.output, false) << "</system-out>\n";
    out << "    </testcase>\n";
}

} // namespace

std::string xml_escape(std::string_view text, bool attribute) {
    std::string escaped;
    escaped.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        const auto length = utf8_sequence(text, i, code_point);
        if (length == 0) {
            escaped += k_replacement;
            ++i;
            continue;
        }
        if (length > 1) {
            // U+FFFE and U+FFFF are not characters XML may hold.
            if (code_point == 0xFFFE || code_point == 0xFFFF)
                escaped += k_replacement;
            else
                escaped += text.substr(i, length);
            i += length;
            continue;
        }
        const char c = text[i++];
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += attribute ? "&quot;" : "\"";
            break;
        case '\'':
            escaped += attribute ? "&apos;" : "'";
            break;
        case '\t':
            escaped += attribute ? "&#9;" : "\t";
            break;
        case '\n':
            escaped += attribute ? "&#10;" : "\n";
            break;
        case '\r':
            // A reader turns a raw carriage return into a newline.
            escaped += "&#13;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                escaped += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
            else
                escaped += c;
        }
    }
    return escaped;
}

void write_junit_xml(const JunitReport& report, std::ostream& out) {
    Counts total;
    std::vector<Counts> suite_counts;
    for (const auto& suite : report.suites) {
        suite_counts.push_back(counts_of(suite));
        total.add(suite_counts.back());
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites" << attribute("name", report.name) << count_attributes(total) << ">\n";
    for (std::size_t i = 0; i < report.suites.size(); ++i) {
        const auto& suite = report.suites[i];
        out << "  <testsuite" << attribute("name", suite.name) << count_attributes(suite_counts[i]);
        if (suite.cases.empty() && suite.output.empty()) {
            out << "/>\n";
            continue;
        }
        out << ">\n";
        for (const auto& test : suite.cases)
            write_case(test, out);
        if (!suite.output.empty())
            out << "    <system-out>" << xml_escape(suite.output, false) << "</system-out>\n";
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

} // namespace fleet::plugins::reporters
