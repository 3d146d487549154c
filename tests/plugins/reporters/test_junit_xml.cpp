#include "plugins/reporters/junit_xml.hpp"
#include "plugins/reporters/lint_junit.hpp"

#include "tests/support/golden_text.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>

using namespace fleet::plugins::reporters;
using fleet::engine::lint::Finding;
using fleet::engine::lint::Severity;

TEST_CASE("text in JUnit XML is escaped, and what XML cannot hold is replaced") {
    SUBCASE("markup characters") {
        CHECK(xml_escape("a < b && c > \"d\" 'e'", false) ==
              "a &lt; b &amp;&amp; c &gt; \"d\" 'e'");
        CHECK(xml_escape("a < b && c > \"d\" 'e'", true) ==
              "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;");
    }
    SUBCASE("line breaks and tabs survive an attribute as references, a text node as they are") {
        CHECK(xml_escape("one\ntwo\tthree\r\n", true) == "one&#10;two&#9;three&#13;&#10;");
        CHECK(xml_escape("one\ntwo\tthree\r\n", false) == "one\ntwo\tthree&#13;\n");
    }
    SUBCASE("control characters XML 1.0 forbids are written as \\xNN") {
        CHECK(xml_escape(std::string("bell\x07 nul") + '\0' + "!", false) == "bell\\x07 nul\\x00!");
        CHECK(xml_escape("esc\x1b[0m", true) == "esc\\x1b[0m");
    }
    SUBCASE("UTF-8 passes; bytes that are not UTF-8 become U+FFFD") {
        CHECK(xml_escape("r\xC3\xA9sum\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\x98", false) ==
              "r\xC3\xA9sum\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\x98");
        CHECK(xml_escape("latin1 \xE9t\xE9", false) == "latin1 \xEF\xBF\xBDt\xEF\xBF\xBD");
        CHECK(xml_escape("cut \xE2\x9C", false) == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
        CHECK(xml_escape("overlong \xC0\xAF", false) == "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
        CHECK(xml_escape("surrogate \xED\xA0\x80", false) ==
              "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
        CHECK(xml_escape("not a character \xEF\xBF\xBF", false) == "not a character \xEF\xBF\xBD");
    }
}

TEST_CASE("JUnit XML counts each suite's cases by result and sums their times") {
    JunitReport report;
    report.name = "fleet test";
    auto make = [](const char* name, std::optional<double> seconds, JunitCase::Result result) {
        JunitCase test;
        test.classname = "env";
        test.name = name;
        test.seconds = seconds;
        test.result = result;
        return test;
    };
    auto passed = make("a", 0.25, JunitCase::Result::passed);
    auto failed = make("b", 1.5, JunitCase::Result::failure);
    failed.message = "it broke";
    failed.type = "migration";
    failed.details = "statement: SELECT 1 < 2\n";
    auto skipped = make("c", std::nullopt, JunitCase::Result::skipped);
    report.suites = {{"env", {passed, failed, skipped}, ""}, {"empty", {}, ""}};
    std::ostringstream out;
    write_junit_xml(report, out);
    CHECK(out.str() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"fleet test\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" "
          "time=\"1.750\">\n"
          "  <testsuite name=\"env\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" "
          "time=\"1.750\">\n"
          "    <testcase classname=\"env\" name=\"a\" time=\"0.250\"/>\n"
          "    <testcase classname=\"env\" name=\"b\" time=\"1.500\">\n"
          "      <failure message=\"it broke\" type=\"migration\">statement: SELECT 1 &lt; "
          "2\n</failure>\n"
          "    </testcase>\n"
          "    <testcase classname=\"env\" name=\"c\">\n"
          "      <skipped/>\n"
          "    </testcase>\n"
          "  </testsuite>\n"
          "  <testsuite name=\"empty\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\" "
          "time=\"0.000\"/>\n"
          "</testsuites>\n");
}

namespace {

LintGroup group(const std::string& rule, Severity severity, int line, const std::string& waived,
                std::vector<std::string> targets) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.revision = "1a2b3c4d5e6f";
    f.file = "migrations/versions/1a2b3c4d5e6f_index_orders.sql";
    f.line = line;
    f.statement = "CREATE INDEX ix_orders_customer ON orders (customer_id)";
    f.what = "builds index ix_orders_customer on orders under SHARE: every write waits";
    f.safe = "CREATE INDEX CONCURRENTLY in a transactional: false revision";
    f.waived = waived;
    return {f, std::move(targets)};
}

} // namespace

TEST_CASE("lint as JUnit: a case per finding; blocking ones fail, waived ones are skipped") {
    LintReport report;
    report.groups = {
        group("create-index-locks-writes", Severity::error, 12, "",
              {"production/t-acme", "production/t-globex"}),
        group("drop-column", Severity::warning, 14, "", {}),
        group("rename-table", Severity::warning, 16, "the view keeps the old name", {}),
    };
    report.errors = 1;
    report.warnings = 1;
    report.waived = 1;
    report.revisions = 1;
    report.notes = {"postgresql: no dry run (no dev_url)"};
    std::ostringstream out;
    render_lint_junit(report, Severity::error, out);
    fleet::test::check_golden_text(std::string(FLEET_TEST_GOLDEN_DIR) + "/lint_junit.xml",
                                   out.str(), "<!-- golden:");

    SUBCASE("under fail_on warning, the warning fails too") {
        std::ostringstream strict;
        render_lint_junit(report, Severity::warning, strict);
        CHECK(strict.str().find("failures=\"2\"") != std::string::npos);
    }
    SUBCASE("no finding is one passing case, never an empty report") {
        std::ostringstream clean;
        LintReport empty;
        empty.revisions = 3;
        render_lint_junit(empty, Severity::error, clean);
        CHECK(clean.str().find("<testcase classname=\"lint\" name=\"3 revisions checked: no "
                               "finding\"/>") != std::string::npos);
    }
}
