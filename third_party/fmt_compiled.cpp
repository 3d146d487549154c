// The compiled half of fmt 9, which Debian ships only as libfmt.so: the
// definitions behind fmt/format.h's declarations, and the instantiations its
// `extern template` lines and fmt's locale support promise. One translation
// unit; every other file includes fmt's headers as usual.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto thousands_sep_impl<wchar_t>(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
template FMT_API void vformat_to(buffer<char>& out, string_view text,
                                 basic_format_args<FMT_BUFFER_CONTEXT(char)> args, locale_ref loc);

} // namespace detail
FMT_END_NAMESPACE
