#include "orchestrator/read_progress.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using fleet::orchestrator::ReadProgress;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand.
struct FakeClock {
    ReadProgress::Clock::time_point now{};
    auto function() {
        return [this] { return now; };
    }
};

// What a terminal would show last: the text after the final \r, without
// the erase-line code.
std::string last_line(const std::string& written) {
    auto text = written.substr(written.rfind('\r') + 1);
    if (auto clear = text.find("\x1b[K"); clear != std::string::npos) text.erase(clear, 3);
    return text;
}

} // namespace

TEST_CASE("the read line counts targets read and running, with an ETA once one ended") {
    std::ostringstream out;
    FakeClock clock;
    {
        ReadProgress progress(out, "status", 4, clock.function());
        progress.started();
        progress.started();
        CHECK(progress.line() == "[fleet] status: 0/4 targets read, 2 running");
        clock.now += 2s;
        progress.finished();
        CHECK(progress.line() == "[fleet] status: 1/4 targets read, 1 running, ETA 6.0s");
    }
    // Erased when the reads end.
    CHECK(out.str().ends_with("\r\x1b[K"));
}

TEST_CASE("the read line is redrawn at most every 100 ms, but always for the last target") {
    std::ostringstream out;
    FakeClock clock;
    ReadProgress progress(out, "audit", 3, clock.function());
    progress.started();
    const auto first = out.str();
    CHECK(last_line(first) == "[fleet] audit: 0/3 targets read, 1 running");
    progress.finished(); // 1 ms later: not drawn
    CHECK(out.str() == first);
    clock.now += 150ms;
    progress.started();
    CHECK(last_line(out.str()) == "[fleet] audit: 1/3 targets read, 1 running, ETA 300ms");
    progress.finished();
    progress.started();
    progress.finished(); // the last: drawn at once
    CHECK(last_line(out.str()) == "[fleet] audit: 3/3 targets read, 0 running");
}

TEST_CASE("a log line is printed whole above the read line, which is drawn again") {
    std::ostringstream out;
    FakeClock clock;
    ReadProgress progress(out, "plan", 5, clock.function());
    progress.started();
    progress.print_log("WARNING: prod/t3: no version table");
    const auto text = out.str();
    const auto warning = text.find("\r\x1b[KWARNING: prod/t3: no version table\n");
    REQUIRE(warning != std::string::npos);
    CHECK(last_line(text) == "[fleet] plan: 0/5 targets read, 1 running");
}
