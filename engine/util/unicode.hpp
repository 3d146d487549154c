#pragma once

#include <string>
#include <string_view>

// The few Unicode answers fleet needs, from utf8proc's tables rather than
// hand-made ones: decoding UTF-8, and Python's idea of a word character and of
// lowercase, which Alembic's revision slug is made of.
namespace fleet::engine::util {

// text as code points. A byte that does not start valid UTF-8 becomes
// U+DC80..U+DCFF, as Python's surrogateescape decodes it, so it is never
// mistaken for a character. Never throws but std::bad_alloc.
std::u32string utf8_decode(std::string_view text);

// code_points as UTF-8; the U+DC80..U+DCFF of utf8_decode become their bytes
// again. Never throws but std::bad_alloc.
std::string utf8_encode(std::u32string_view code_points);

// Python 3's re `\w` on str: '_', letters (Lu Ll Lt Lm Lo) and numbers (Nd Nl
// No). Never throws.
bool is_python_word(char32_t code_point) noexcept;

// Python 3's str.lower(): the full lowercase mapping, so 'İ' becomes "i̇"
// (two code points) and a word-final 'Σ' becomes 'ς'. Never throws but
// std::bad_alloc.
std::u32string python_lower(std::u32string_view text);

} // namespace fleet::engine::util
