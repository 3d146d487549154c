#include "orchestrator/notify/command_runner.hpp"

#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <signal.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace fleet::orchestrator::notify;
using fleet::inventory::NotifyEntry;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

NotifyEntry shell(std::string script, const std::filesystem::path& working_dir) {
    NotifyEntry entry;
    entry.command = {"sh", "-c", std::move(script)};
    entry.working_dir = working_dir;
    return entry;
}

// As DeliveryWorker's thread does, for the test that writes to a command
// that never reads.
struct BlockSigpipe {
    BlockSigpipe() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &set, &m_before);
    }
    // A SIGPIPE left pending by a write to a command that had exited would
    // be delivered, and end the test binary, once unblocked: take it first.
    ~BlockSigpipe() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        const timespec now{0, 0};
        while (sigtimedwait(&set, nullptr, &now) == SIGPIPE) {
        }
        pthread_sigmask(SIG_SETMASK, &m_before, nullptr);
    }
    sigset_t m_before{};
};

} // namespace

TEST_CASE("a command gets the event on its standard input, in the inventory's folder") {
    BlockSigpipe blocked;
    fleet::test::TempDir dir;
    StopFlag stop;
    const std::string body = R"({"event":"rollout_started","targets":3})";
    const Delivery delivery =
        run_command(shell("cat > got.json; printf %s \"$FLEET_EVENT\" > event.txt", dir.path()),
                    "rollout_started", body, stop);
    CHECK(delivery.outcome == Delivery::Outcome::sent);
    CHECK(delivery.attempts == 1);
    CHECK(read_file(dir.path() / "got.json") == body);
    CHECK(read_file(dir.path() / "event.txt") == "rollout_started");
}

TEST_CASE("a large event reaches a command whole") {
    BlockSigpipe blocked;
    fleet::test::TempDir dir;
    StopFlag stop;
    // Larger than a pipe's buffer: written as the command reads.
    const std::string body(1 << 20, 'x');
    const Delivery delivery = run_command(shell("cat > got.json", dir.path()), "e", body, stop);
    CHECK(delivery.outcome == Delivery::Outcome::sent);
    CHECK(read_file(dir.path() / "got.json").size() == body.size());
}

TEST_CASE("a command that fails is a failed delivery quoting its last line of errors") {
    BlockSigpipe blocked;
    fleet::test::TempDir dir;
    StopFlag stop;
    SUBCASE("an exit status") {
        const Delivery delivery = run_command(
            shell("echo first >&2; echo 'pager down' >&2; exit 3", dir.path()), "e", "{}", stop);
        CHECK(delivery.outcome == Delivery::Outcome::failed);
        CHECK(delivery.detail == "exited with status 3: pager down");
    }
    SUBCASE("a program that does not exist") {
        NotifyEntry entry;
        entry.command = {"./no-such-notifier"};
        entry.working_dir = dir.path();
        const Delivery delivery = run_command(entry, "e", "{}", stop);
        CHECK(delivery.outcome == Delivery::Outcome::failed);
        CHECK(delivery.detail == "cannot run ./no-such-notifier: No such file or directory");
    }
    SUBCASE("a command that exits without reading its input is not an error of fleet's") {
        const std::string body(1 << 20, 'x');
        const Delivery delivery = run_command(shell("exit 0", dir.path()), "e", body, stop);
        CHECK(delivery.outcome == Delivery::Outcome::sent);
    }
}

TEST_CASE("a command still running when fleet stops waiting is killed, not waited for") {
    BlockSigpipe blocked;
    fleet::test::TempDir dir;
    StopFlag stop;
    stop.raise();
    // Were it waited for, this test would take ten minutes.
    const Delivery delivery = run_command(shell("exec sleep 600", dir.path()), "e", "{}", stop);
    CHECK(delivery.outcome == Delivery::Outcome::abandoned);
    CHECK(delivery.detail == "stopped waiting: killed");
}
