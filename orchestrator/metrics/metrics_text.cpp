#include "orchestrator/metrics/metrics_text.hpp"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>

namespace fleet::orchestrator::metrics {

std::string serialize(prometheus::Registry& registry) {
    auto families = registry.Collect();
    // A family keeps its series in a hash map: sorted, the file is the same
    // for the same values, which goldens and diffs of the file need.
    for (auto& family : families) {
        std::stable_sort(family.metric.begin(), family.metric.end(),
                         [](const prometheus::ClientMetric& a, const prometheus::ClientMetric& b) {
                             return a.label < b.label;
                         });
    }
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    return out.str();
}

double unix_seconds(std::chrono::system_clock::time_point time) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    return static_cast<double>(ms) / 1000.0;
}

} // namespace fleet::orchestrator::metrics
