#pragma once

#include <filesystem>
#include <string>

// --metrics-file PATH: a file in Prometheus' text format for node_exporter's
// textfile collector, which reads every *.prom file of its folder at each
// scrape. The collector must never see half a file, so it is written
// beside its place and renamed over it.
namespace fleet::orchestrator::metrics {

// Refuses a --metrics-file the run could not write at the end: a folder that
// does not exist, or a path that is a folder. Called before anything is
// touched. Throws fleet::UsageError naming the path.
void check_metrics_path(const std::filesystem::path& path);

// Writes text to path atomically: a temporary file in the same folder
// (named .NAME.XXXXXX, which the collector ignores), flushed, made readable by
// all (0644: the collector often runs as another user), then renamed over
// path. Throws fleet::Error naming the path when any of it fails (the
// temporary file is removed).
void write_metrics_file(const std::filesystem::path& path, const std::string& text);

} // namespace fleet::orchestrator::metrics
