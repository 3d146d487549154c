#include "engine/script/sha256.hpp"

#include "engine/util/text.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace fleet::engine::script {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    }
    return util::hex(digest, size);
}

} // namespace fleet::engine::script
