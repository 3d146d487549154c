#include "orchestrator/autogen/interrupt_cleanup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace fleet::orchestrator::autogen {

namespace {

// The signal handler may only write(2): it hands the signal's number to the
// watcher thread through this pipe.
int g_pipe_write = -1;

void on_signal(int signal_number) {
    const auto byte = static_cast<unsigned char>(signal_number);
    [[maybe_unused]] auto written = ::write(g_pipe_write, &byte, 1);
}

class Registry {
  public:
    static Registry& instance() {
        static Registry registry;
        return registry;
    }

    std::uint64_t add(std::function<void()> remove) {
        std::lock_guard lock(m_mutex);
        if (m_removals.empty()) catch_signals();
        m_removals.emplace(++m_last_id, std::move(remove));
        return m_last_id;
    }

    void drop(std::uint64_t id) {
        std::lock_guard lock(m_mutex);
        m_removals.erase(id);
        if (m_removals.empty()) release_signals();
    }

  private:
    Registry() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::system_error(errno, std::generic_category(), "pipe2");
        m_read = fds[0];
        g_pipe_write = fds[1];
        // Detached: it waits on the pipe for the whole process and ends
        // the process itself when a signal comes.
        std::thread([this] { watch(); }).detach();
    }

    void catch_signals() {
        struct sigaction action = {};
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_old_int);
        ::sigaction(SIGTERM, &action, &m_old_term);
    }

    void release_signals() {
        ::sigaction(SIGINT, &m_old_int, nullptr);
        ::sigaction(SIGTERM, &m_old_term, nullptr);
    }

    [[noreturn]] void watch() {
        unsigned char signal_number = 0;
        while (::read(m_read, &signal_number, 1) != 1) {
        }
        // Held to the end: a removal finishing on the main thread waits
        // here rather than racing this one.
        std::lock_guard lock(m_mutex);
        for (auto& [id, remove] : m_removals) {
            try {
                remove();
            } catch (...) {
                // Best effort: the next removal still runs.
            }
        }
        std::fprintf(stderr,
                     "ERROR: interrupted (%s): the scratch databases were removed and "
                     "nothing was written\n",
                     signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
        std::fflush(stderr);
        ::_exit(1);
    }

    std::mutex m_mutex;
    std::map<std::uint64_t, std::function<void()>> m_removals;
    std::uint64_t m_last_id = 0;
    int m_read = -1;
    struct sigaction m_old_int = {};
    struct sigaction m_old_term = {};
};

} // namespace

InterruptCleanup::InterruptCleanup(std::function<void()> remove)
    : m_id(Registry::instance().add(std::move(remove))) {}

InterruptCleanup::~InterruptCleanup() { Registry::instance().drop(m_id); }

} // namespace fleet::orchestrator::autogen
