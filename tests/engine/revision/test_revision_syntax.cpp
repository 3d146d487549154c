// The small pieces: RevisionArg, the relative-destination syntax, Python's
// int(), and the command wording of revision errors.
#include "engine/revision/command_errors.hpp"
#include "engine/revision/revision_arg.hpp"
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_syntax.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::revision;
using detail::match_relative;
using detail::python_int;

TEST_CASE("a RevisionArg is None, a string or a tuple, and prints as Alembic's %s does") {
    CHECK(RevisionArg().is_none());
    CHECK(RevisionArg().repr() == "None");
    CHECK_FALSE(RevisionArg());
    CHECK(RevisionArg("head").is_string());
    CHECK(RevisionArg("head").repr() == "head");
    CHECK_FALSE(RevisionArg(""));
    CHECK(RevisionArg::tuple({"a"}).repr() == "('a',)");
    CHECK(RevisionArg::tuple({"a", "b"}).repr() == "('a', 'b')");
    CHECK(RevisionArg::tuple({}).repr() == "()");
    CHECK_FALSE(RevisionArg::tuple({}));
    CHECK(RevisionArg::tuple({"a", "b"}).to_tuple() == std::vector<std::string>{"a", "b"});
    CHECK(RevisionArg("x").to_tuple() == std::vector<std::string>{"x"});
    CHECK(RevisionArg().to_tuple().empty());
}

TEST_CASE("relative destinations are matched like Alembic's regular expression") {
    SUBCASE("plain steps") {
        auto spec = match_relative("+2");
        REQUIRE(spec);
        CHECK_FALSE(spec->branch_label);
        CHECK_FALSE(spec->symbol);
        CHECK(spec->relative == "+2");
        CHECK(spec->steps == 2);
        CHECK(match_relative("-1")->steps == -1);
    }
    SUBCASE("from a revision") {
        auto spec = match_relative("ae1+1");
        REQUIRE(spec);
        CHECK(*spec->symbol == "ae1");
        CHECK(spec->steps == 1);
        CHECK(*match_relative("head-2")->symbol == "head");
    }
    SUBCASE("on a branch") {
        auto spec = match_relative("feature@+1");
        REQUIRE(spec);
        CHECK(*spec->branch_label == "feature");
        CHECK_FALSE(spec->symbol);
        auto with_symbol = match_relative("feature@ae1-2");
        CHECK(*with_symbol->branch_label == "feature");
        CHECK(*with_symbol->symbol == "ae1");
        CHECK(with_symbol->steps == -2);
    }
    SUBCASE("the label is as short as lets the rest match") {
        auto spec = match_relative("a@b@+1");
        REQUIRE(spec);
        CHECK(*spec->branch_label == "a@b");
        CHECK_FALSE(spec->symbol);
    }
    SUBCASE("trailing text is ignored, as re.match does") {
        auto spec = match_relative("ae1+2xyz");
        REQUIRE(spec);
        CHECK(spec->relative == "+2");
    }
    SUBCASE("what is not relative") {
        CHECK_FALSE(match_relative("head"));
        CHECK_FALSE(match_relative("ae1234"));
        CHECK_FALSE(match_relative("feature@head"));
        CHECK_FALSE(match_relative("@ae1+1"));
        CHECK_FALSE(match_relative(""));
    }
}

TEST_CASE("relative destinations match what Python's re.match gives for Alembic's pattern") {
    // Expected groups printed by /usr/bin/python3 for
    // re.compile(r'(?:(.+?)@)?(\w+)?((?:\+|-)\d+)').match(text).
    struct Case {
        const char* text;
        std::optional<std::string> label, symbol;
        const char* relative; // nullptr: no match
    };
    const Case cases[] = {
        {"a@b@+1", "a@b", std::nullopt, "+1"},
        {"x@+2", "x", std::nullopt, "+2"},
        {"ae1+2", std::nullopt, "ae1", "+2"},
        {"-1", std::nullopt, std::nullopt, "-1"},
        {"lbl@ae1-1", "lbl", "ae1", "-1"},
        {"a@@+1", "a@", std::nullopt, "+1"},
        {"a@b@c-1x", "a@b", "c", "-1"},
        {"@+1", std::nullopt, std::nullopt, nullptr},
        {"a@b", std::nullopt, std::nullopt, nullptr},
        {"a+b", std::nullopt, std::nullopt, nullptr},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto spec = match_relative(c.text);
        if (!c.relative) {
            CHECK_FALSE(spec);
            continue;
        }
        REQUIRE(spec);
        CHECK(spec->branch_label == c.label);
        CHECK(spec->symbol == c.symbol);
        CHECK(spec->relative == c.relative);
    }
}

TEST_CASE("python_int accepts what Python's int() accepts") {
    CHECK(python_int("-1") == -1);
    CHECK(python_int("+3") == 3);
    CHECK(python_int(" 12 ") == 12);
    CHECK(python_int("1_000") == 1000);
    CHECK(python_int("007") == 7);
    CHECK_FALSE(python_int("1__0"));
    CHECK_FALSE(python_int("_1"));
    CHECK_FALSE(python_int("abc"));
    CHECK_FALSE(python_int("1a"));
    CHECK_FALSE(python_int(""));
    CHECK_FALSE(python_int("-"));
    CHECK(python_int("-99999999999999999999") < -1000000);
}

TEST_CASE("command wording re-words revision errors and keeps their type") {
    SUBCASE("a range with the command's template") {
        CommandWording wording;
        wording.ancestor = "Destination %(end)s is not a valid upgrade target from current head(s)";
        wording.end = RevisionArg("ae1");
        CHECK_THROWS_WITH_AS(
            with_command_wording(wording, []() -> int { throw RangeNotAncestorError("a", "b"); }),
            "Destination ae1 is not a valid upgrade target from current head(s)",
            RangeNotAncestorError);
    }
    SUBCASE("a range with the default template and the error's own ends") {
        CHECK_THROWS_WITH_AS(
            with_command_wording({}, []() -> int { throw RangeNotAncestorError("a", "b"); }),
            "Requested range a:b does not refer to ancestor/descendant revisions along the same "
            "branch",
            RangeNotAncestorError);
    }
    SUBCASE("multiple heads name the argument") {
        CHECK_THROWS_WITH_AS(
            with_command_wording({},
                                 []() -> int {
                                     throw MultipleHeads({"a", "b"}, "head");
                                 }),
            "Multiple head revisions are present for given argument 'head'; please specify a "
            "specific target revision, '<branchname>@head' to narrow to a specific head, or "
            "'heads' for all heads (the heads: a, b)",
            MultipleHeads);
        CommandWording wording;
        wording.multiple_heads = "Heads %(heads)s for %(head_arg)s";
        CHECK_THROWS_WITH_AS(with_command_wording(wording,
                                                  []() -> int {
                                                      throw MultipleHeads({"a", "b"}, "head");
                                                  }),
                             "Heads a, b for head", MultipleHeads);
    }
    SUBCASE("resolution errors keep the detail Alembic's wording would drop") {
        CHECK_THROWS_WITH_AS(
            with_command_wording(
                {},
                []() -> int { throw ResolutionError("No such revision or branch 'zz'", "zz"); }),
            "Can't locate revision identified by 'zz'", ResolutionError);
        CHECK_THROWS_WITH_AS(
            with_command_wording({},
                                 []() -> int {
                                     throw ResolutionError(
                                         "Multiple revisions start with 'ab': 'ab1', 'ab2'...",
                                         "ab");
                                 }),
            "Can't locate revision identified by 'ab' (Multiple revisions start with 'ab': "
            "'ab1', 'ab2'...)",
            ResolutionError);
    }
    SUBCASE("other revision errors pass through unchanged") {
        CHECK_THROWS_WITH_AS(with_command_wording({}, []() -> int { throw CycleDetected({"a"}); }),
                             "Cycle is detected in revisions (a)", CycleDetected);
        CHECK(with_command_wording({}, [] { return 7; }) == 7);
    }
}
