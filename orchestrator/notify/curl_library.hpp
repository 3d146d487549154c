#pragma once

#include <curl/curl.h>

// libcurl, loaded the first time a webhook is sent rather than linked: it
// brings some 30 shared libraries (TLS, HTTP/2, IDN, LDAP, SSH...), and
// loading them at every start would undo what keeps `fleet --help` and a
// SQLite run at 7 (bench/RESULTS.md, "Start-up cost"). A run without webhooks
// never loads it. The types and constants come from curl's headers; the
// functions from libcurl.so.4, whose ABI is stable.
namespace fleet::orchestrator::notify {

// The libcurl functions the webhook sender calls, resolved once.
struct CurlLibrary {
    CURL* (*easy_init)();
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    void (*easy_cleanup)(CURL*);
    const char* (*easy_strerror)(CURLcode);
    curl_slist* (*slist_append)(curl_slist*, const char*);
    void (*slist_free_all)(curl_slist*);
    CURLM* (*multi_init)();
    CURLMcode (*multi_add_handle)(CURLM*, CURL*);
    CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
    CURLMcode (*multi_perform)(CURLM*, int*);
    CURLMcode (*multi_poll)(CURLM*, curl_waitfd*, unsigned int, int, int*);
    CURLMsg* (*multi_info_read)(CURLM*, int*);
    CURLMcode (*multi_cleanup)(CURLM*);
};

// libcurl, loaded and initialised (curl_global_init) on the first call; the
// same library afterwards. Thread-safe. Throws std::runtime_error saying what
// is missing when libcurl.so.4 cannot be loaded or lacks a function (a libcurl
// older than 7.66, which has no curl_multi_poll); a later call tries again.
const CurlLibrary& curl_library();

} // namespace fleet::orchestrator::notify
