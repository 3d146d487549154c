#include "engine/url/redact.hpp"

#include <algorithm>
#include <cctype>

namespace fleet::engine::url {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Whether text starts with keyword (lower case), in any case. Compares in
// place: this runs at every byte of every error message and -v statement.
bool starts_with_ignoring_case(std::string_view text, std::string_view keyword) {
    return text.size() >= keyword.size() &&
           std::equal(keyword.begin(), keyword.end(), text.begin(), [](char k, char c) {
               return k == static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
           });
}

} // namespace

// mask_passwords is made for free text and ends a URL at a space or a quote;
// here the text is known to be one URL, maybe a typo of one (a single slash,
// no scheme, a raw space or quote in the password), and any of it before the
// last '@' may be a password.
std::string mask_url_text(std::string_view text) {
    auto at = text.rfind('@');
    if (at == std::string_view::npos) return mask_passwords(text);
    auto sep = text.find("://");
    std::size_t from = sep != std::string_view::npos && sep < at ? sep + 3 : 0;
    auto colon = text.find(':', from);
    if (colon == std::string_view::npos || colon > at) return mask_passwords(text);
    return std::string(text.substr(0, colon + 1)) + "***" + mask_passwords(text.substr(at));
}

std::string mask_passwords(std::string_view text) {
    constexpr std::string_view k_token_end = "'\"`<>";
    constexpr std::string_view k_keyword = "password";
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "://") == 0) {
            out += "://";
            i += 3;
            std::size_t end = i;
            while (end < text.size() && !is_space(text[end]) &&
                   k_token_end.find(text[end]) == std::string_view::npos) {
                ++end;
            }
            std::string_view token = text.substr(i, end - i);
            auto colon = token.find(':');
            auto slash = token.find('/');
            bool has_userinfo = colon != std::string_view::npos &&
                                (slash == std::string_view::npos || colon < slash);
            if (has_userinfo) {
                // From the first '@' to the last one before the path: a
                // password with an unencoded '@' is hidden whole.
                auto at = token.find('@', colon + 1);
                if (at != std::string_view::npos) {
                    at = token.substr(0, token.find('/', at)).rfind('@');
                    out += token.substr(0, colon + 1);
                    out += "***";
                    i += at;
                }
            }
            continue;
        }
        if (starts_with_ignoring_case(text.substr(i), k_keyword)) {
            std::size_t k = i + k_keyword.size();
            while (k < text.size() && text[k] == ' ')
                ++k;
            if (k > i + k_keyword.size() && k < text.size() && text[k] == '\'') {
                // SQL's PASSWORD 'literal' (CREATE/ALTER ROLE), as a
                // session's query text shows it: '' is a quote inside.
                std::size_t j = k + 1;
                while (j < text.size() && (text[j] != '\'' || text.compare(j, 2, "''") == 0))
                    j += text[j] == '\'' ? 2 : 1;
                out += text.substr(i, k - i);
                out += "'***'";
                i = std::min(j + 1, text.size());
                continue;
            }
            if (k == text.size() || text[k] != '=') {
                out += text[i++];
                continue;
            }
            // libpq's password=value, also written password = value.
            ++k;
            while (k < text.size() && text[k] == ' ')
                ++k;
            out += text.substr(i, k - i);
            i = k;
            if (i < text.size() && text[i] == '\'') {
                std::size_t j = i + 1;
                while (j < text.size() && text[j] != '\'')
                    j += text[j] == '\\' ? 2 : 1;
                out += "'***'";
                i = std::min(j + 1, text.size());
            } else {
                std::size_t j = i;
                while (j < text.size() && !is_space(text[j]) && text[j] != '&' &&
                       k_token_end.find(text[j]) == std::string_view::npos) {
                    ++j;
                }
                if (j > i) out += "***";
                i = j;
            }
            continue;
        }
        out += text[i++];
    }
    return out;
}

} // namespace fleet::engine::url
