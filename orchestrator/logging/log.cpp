#include "orchestrator/logging/log.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>

namespace fleet::orchestrator::logging {

namespace {

using engine::url::mask_passwords;

// The one sink: each record arrives already formatted (text or JSON), so the
// sink only puts it somewhere whole: stderr, or the function a progress
// display routes lines through. spdlog's base_sink holds its mutex around
// sink_it_, which keeps lines from several threads apart.
class LineSink : public spdlog::sinks::base_sink<std::mutex> {
  public:
    void route(std::function<void(const std::string&)> print) {
        std::lock_guard lock(mutex_);
        m_print = std::move(print);
    }

  protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        const std::string line(message.payload.data(), message.payload.size());
        if (m_print) {
            m_print(line);
            return;
        }
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fputc('\n', stderr);
        std::fflush(stderr);
    }
    void flush_() override { std::fflush(stderr); }

  private:
    std::function<void(const std::string&)> m_print;
};

struct State {
    std::shared_ptr<LineSink> sink = std::make_shared<LineSink>();
    spdlog::logger logger{"fleet", sink};
    Format format = Format::text;
    std::string run_id;
    std::string shard;

    State() {
        logger.set_level(spdlog::level::debug);
        std::random_device device;
        std::mt19937_64 generator(device());
        run_id = fmt::format("{:016x}{:016x}", generator(), generator());
    }
};

State& state() {
    static State instance;
    return instance;
}

spdlog::level::level_enum spdlog_level(Level level) {
    switch (level) {
    case Level::debug:
        return spdlog::level::debug;
    case Level::info:
        return spdlog::level::info;
    case Level::warn:
        return spdlog::level::warn;
    case Level::error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
}

const char* level_name(Level level) {
    switch (level) {
    case Level::debug:
        return "debug";
    case Level::info:
        return "info";
    case Level::warn:
        return "warn";
    case Level::error:
        return "error";
    }
    return "info";
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - seconds).count();
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", seconds, millis);
}

std::string json_line(const LogRecord& record) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, value] : record.fields) {
        if (const auto* text = std::get_if<std::string>(&value)) {
            fields[name] = mask_passwords(*text);
        } else {
            fields[name] = std::get<std::int64_t>(value);
        }
    }
    nlohmann::json line = {
        {"time", utc_now()},
        {"level", level_name(record.level)},
        {"run", state().run_id},
        {"shard", state().shard.empty() ? nlohmann::json(nullptr) : nlohmann::json(state().shard)},
        {"target", record.target.empty() ? nlohmann::json(nullptr) : nlohmann::json(record.target)},
        {"event", record.event},
        {"message", mask_passwords(record.message)},
        {"fields", std::move(fields)},
    };
    // Replace, not throw, on bytes that are not UTF-8 (a statement's text).
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

Format parse_format(const std::string& name) {
    if (name == "text") return Format::text;
    if (name == "json") return Format::json;
    throw UsageError(fmt::format("--log-format is text or json, not '{}'", name));
}

void setup(Format format) { state().format = format; }

Format format() { return state().format; }

const std::string& run_id() { return state().run_id; }

void set_shard(std::string shard) { state().shard = std::move(shard); }

void write(const LogRecord& record) {
    try {
        auto& s = state();
        const std::string line =
            s.format == Format::json ? json_line(record) : mask_passwords(record.text);
        s.logger.log(spdlog_level(record.level), "{}", line);
    } catch (...) {
        // A log line must never fail the work it reports on.
    }
}

RouteThrough::RouteThrough(std::function<void(const std::string&)> print) {
    state().sink->route(std::move(print));
}

RouteThrough::~RouteThrough() { state().sink->route({}); }

} // namespace fleet::orchestrator::logging
