// Latency distributions: bars of counts per bin, or the cumulative curve of
// a core Histogram, each with its p50/p95/p99 marked and hover read-outs.
#pragma once
#include <cstdint>
#include <vector>

#include "imgui.h"
#include "metrics.h"

namespace dsviz::ui {

// Bars of `bins` (bin i covers lo + i*width .. lo + (i+1)*width, in ms),
// `height` pixels tall across the available width, with the range under them.
// `what` names one count in the hover text ("runs", "requests").
void histogram_bars(const std::vector<uint32_t>& bins, double lo_ms, double width_ms, float height, ImU32 col,
                    const char* what);

// The cumulative distribution of a Histogram of nanosecond latencies: the
// share of requests answered within x ms, with p50, p95 and p99 marked.
void latency_cdf(const char* title, const Histogram& h, ImVec2 size, ImU32 col);

}  // namespace dsviz::ui
