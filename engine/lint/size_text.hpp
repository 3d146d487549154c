#pragma once

#include <string>

// Table sizes as findings print them: "12.4M rows", "3.1 GB".
namespace fleet::engine::lint {

// "12 rows", "500K rows", "12.4M rows", "1.2B rows"; "1 row".
std::string rows_text(double rows);

// "812 bytes", "64.0 kB", "3.1 GB" (1024-based, as pg_size_pretty).
std::string bytes_text(long long bytes);

} // namespace fleet::engine::lint
