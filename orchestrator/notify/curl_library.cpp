#include "orchestrator/notify/curl_library.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace fleet::orchestrator::notify {

namespace {

// Debian's libcurl4 package (OpenSSL flavour) provides it; the GnuTLS build
// has the same ABI under another name.
constexpr const char* k_library_names[] = {"libcurl.so.4", "libcurl-gnutls.so.4"};

template <typename Function> void resolve(void* handle, const char* name, Function& function) {
    void* symbol = dlsym(handle, name);
    if (symbol == nullptr)
        throw std::runtime_error(std::string("libcurl has no ") + name +
                                 " (webhooks need libcurl 7.66 or later)");
    function = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
    void* handle = nullptr;
    std::string errors;
    for (const char* name : k_library_names) {
        // RTLD_LOCAL: its symbols (OpenSSL's among them) stay its own. Never
        // closed: unloading a TLS library while the process runs is not safe.
        handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (handle != nullptr) break;
        const char* error = dlerror();
        errors += (errors.empty() ? "" : "; ") + std::string(error != nullptr ? error : name);
    }
    if (handle == nullptr)
        throw std::runtime_error("webhooks need libcurl (Debian: apt-get install libcurl4): " +
                                 errors);
    CurlLibrary curl{};
    resolve(handle, "curl_easy_init", curl.easy_init);
    resolve(handle, "curl_easy_setopt", curl.easy_setopt);
    resolve(handle, "curl_easy_getinfo", curl.easy_getinfo);
    resolve(handle, "curl_easy_cleanup", curl.easy_cleanup);
    resolve(handle, "curl_easy_strerror", curl.easy_strerror);
    resolve(handle, "curl_slist_append", curl.slist_append);
    resolve(handle, "curl_slist_free_all", curl.slist_free_all);
    resolve(handle, "curl_multi_init", curl.multi_init);
    resolve(handle, "curl_multi_add_handle", curl.multi_add_handle);
    resolve(handle, "curl_multi_remove_handle", curl.multi_remove_handle);
    resolve(handle, "curl_multi_perform", curl.multi_perform);
    resolve(handle, "curl_multi_poll", curl.multi_poll);
    resolve(handle, "curl_multi_info_read", curl.multi_info_read);
    resolve(handle, "curl_multi_cleanup", curl.multi_cleanup);
    CURLcode (*global_init)(long) = nullptr;
    resolve(handle, "curl_global_init", global_init);
    if (const CURLcode code = global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
        throw std::runtime_error(std::string("libcurl could not start: ") +
                                 curl.easy_strerror(code));
    return curl;
}

} // namespace

const CurlLibrary& curl_library() {
    // A static initialised by a call that throws is tried again next time.
    static const CurlLibrary k_curl = load();
    return k_curl;
}

} // namespace fleet::orchestrator::notify
