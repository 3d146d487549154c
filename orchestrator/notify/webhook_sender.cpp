#include "orchestrator/notify/webhook_sender.hpp"

#include "orchestrator/notify/curl_library.hpp"
#include "orchestrator/notify/notify_limits.hpp"
#include "orchestrator/notify/signature.hpp"

#include <fmt/format.h>

#include <exception>
#include <memory>

namespace fleet::orchestrator::notify {

namespace {

// What one attempt came to.
struct Attempt {
    bool sent = false;      // a 2xx answer
    bool retryable = false; // worth another attempt
    bool abandoned = false; // the stop flag was raised
    std::string detail{};
};

// The response body is nobody's business here; libcurl's default would print
// it on stdout, where the report (or --format json's document) goes.
std::size_t discard(char* /*data*/, std::size_t size, std::size_t count, void* /*user*/) {
    return size * count;
}

// Errors that say the receiver was not reached, or answered nothing in time:
// it may be back a moment later.
bool transient(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return true;
    default:
        return false;
    }
}

// The handles of one attempt, released whatever happens.
class Transfer {
  public:
    explicit Transfer(const CurlLibrary& curl)
        : m_curl(curl), m_easy(curl.easy_init()), m_multi(curl.multi_init()) {}
    ~Transfer() {
        if (m_multi != nullptr && m_easy != nullptr && m_added)
            m_curl.multi_remove_handle(m_multi, m_easy);
        if (m_easy != nullptr) m_curl.easy_cleanup(m_easy);
        if (m_multi != nullptr) m_curl.multi_cleanup(m_multi);
        if (m_headers != nullptr) m_curl.slist_free_all(m_headers);
    }
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    bool ready() const { return m_easy != nullptr && m_multi != nullptr; }
    CURL* easy() const { return m_easy; }
    CURLM* multi() const { return m_multi; }
    void header(const std::string& line) {
        m_headers = m_curl.slist_append(m_headers, line.c_str());
    }
    curl_slist* headers() const { return m_headers; }
    bool add() { return m_added = m_curl.multi_add_handle(m_multi, m_easy) == CURLM_OK; }

  private:
    const CurlLibrary& m_curl;
    CURL* m_easy;
    CURLM* m_multi;
    curl_slist* m_headers = nullptr;
    bool m_added = false;
};

Attempt attempt_once(const CurlLibrary& curl, const inventory::NotifyEntry& entry,
                     const std::string& event, const std::string& body, const StopFlag& stop) {
    Transfer transfer(curl);
    if (!transfer.ready()) return {.detail = "libcurl could not start a transfer"};
    transfer.header("Content-Type: application/json");
    transfer.header("X-Fleet-Event: " + event);
    if (!entry.secret.empty())
        transfer.header(
            fmt::format("{}: {}", k_signature_header, signature_value(entry.secret, body)));
    // libcurl would ask "Expect: 100-continue" for a larger body and wait a
    // second for an answer many small receivers never give.
    transfer.header("Expect:");

    char error[CURL_ERROR_SIZE] = {};
    CURL* easy = transfer.easy();
    curl.easy_setopt(easy, CURLOPT_URL, entry.webhook.c_str());
    curl.easy_setopt(easy, CURLOPT_POST, 1L);
    curl.easy_setopt(easy, CURLOPT_POSTFIELDS, body.data());
    curl.easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl.easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers());
    curl.easy_setopt(easy, CURLOPT_USERAGENT, "fleet/" FLEET_VERSION);
    curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(k_connect_timeout.count()));
    curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(k_attempt_timeout.count()));
    // No signals from the resolver: fleet has threads and its own handlers.
    curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, &discard);
    curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, error);
    if (!transfer.add()) return {.detail = "libcurl could not start a transfer"};

    // The multi interface rather than curl_easy_perform: its poll also
    // watches the stop flag, so giving up needs no timeout to notice.
    int running = 1;
    while (running > 0) {
        if (curl.multi_perform(transfer.multi(), &running) != CURLM_OK)
            return {.detail = "libcurl failed"};
        if (running == 0) break;
        curl_waitfd wake{stop.fd(), CURL_WAIT_POLLIN, 0};
        curl.multi_poll(transfer.multi(), &wake, 1, 1000, nullptr);
        if (stop.raised()) return {.abandoned = true, .detail = "stopped waiting"};
    }
    int left = 0;
    CURLcode code = CURLE_OK;
    while (CURLMsg* message = curl.multi_info_read(transfer.multi(), &left))
        if (message->msg == CURLMSG_DONE) code = message->data.result;
    if (code != CURLE_OK)
        return {.retryable = transient(code),
                .detail = error[0] != '\0' ? std::string(error) : curl.easy_strerror(code)};
    long status = 0;
    curl.easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    const std::string answer = fmt::format("HTTP {}", status);
    if (status >= 200 && status < 300) return {.sent = true, .detail = answer};
    return {.retryable = status >= 500 || status == 429, .detail = answer};
}

} // namespace

Delivery post_webhook(const inventory::NotifyEntry& entry, const std::string& event,
                      const std::string& body, const StopFlag& stop) {
    Delivery delivery;
    const CurlLibrary* curl = nullptr;
    try {
        curl = &curl_library();
    } catch (const std::exception& error) {
        delivery.detail = error.what();
        return delivery;
    }
    auto pause = k_first_retry_pause;
    for (int attempt = 1; attempt <= k_webhook_attempts; ++attempt) {
        Attempt result;
        try {
            result = attempt_once(*curl, entry, event, body, stop);
        } catch (const std::exception& error) {
            result.detail = error.what();
        }
        delivery.attempts = attempt;
        delivery.detail = result.detail;
        if (result.sent) {
            delivery.outcome = Delivery::Outcome::sent;
            return delivery;
        }
        if (result.abandoned) {
            delivery.outcome = Delivery::Outcome::abandoned;
            return delivery;
        }
        if (!result.retryable || attempt == k_webhook_attempts) break;
        if (!stop.sleep_for(pause)) {
            delivery.outcome = Delivery::Outcome::abandoned;
            return delivery;
        }
        pause *= 2;
    }
    delivery.outcome = Delivery::Outcome::failed;
    return delivery;
}

} // namespace fleet::orchestrator::notify
