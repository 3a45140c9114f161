#include "frame_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dsviz::ui {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double rank = std::ceil(p / 100.0 * double(v.size()));
  const size_t i = rank < 1 ? 0 : std::min(v.size() - 1, size_t(rank) - 1);
  return v[i];
}

void FrameStats::add(const FrameSample& s) {
  if (ring_.size() < kWindow) ring_.push_back(s);
  else ring_[next_] = s;
  next_ = (next_ + 1) % kWindow;
  ++drawn_;
  last_ = s;
}

FrameStats::Summary FrameStats::summary() const {
  std::vector<double> frame, work, sim, ui, render;
  for (const FrameSample& s : ring_) {
    if (s.interval_ms > 0) frame.push_back(s.interval_ms);
    work.push_back(s.work_ms);
    sim.push_back(s.sim_ms);
    ui.push_back(s.ui_ms);
    render.push_back(s.render_ms);
  }
  return {percentile(frame, 50), percentile(frame, 99), percentile(work, 50), percentile(work, 99),
          percentile(sim, 50),   percentile(sim, 99),   percentile(ui, 50),   percentile(ui, 99),
          percentile(render, 50)};
}

std::string FrameStats::json(uint64_t heap_bytes, uint64_t heap_size, bool idle) const {
  const Summary m = summary();
  char buf[900];
  std::snprintf(buf, sizeof buf,
                "{\"frames_drawn\":%llu,\"frames_skipped\":%llu,\"frame_ms_p50\":%.3f,\"frame_ms_p99\":%.3f,"
                "\"fps\":%.1f,\"work_ms_p50\":%.3f,\"work_ms_p99\":%.3f,\"sim_ms_p50\":%.3f,\"sim_ms_p99\":%.3f,"
                "\"ui_ms_p50\":%.3f,\"ui_ms_p99\":%.3f,\"render_ms_p50\":%.3f,\"vertices\":%d,\"indices\":%d,"
                "\"draw_calls\":%d,\"overdraw\":%.2f,\"last_work_ms\":%.3f,\"last_sim_ms\":%.3f,\"last_ui_ms\":%.3f,"
                "\"last_render_ms\":%.3f,\"heap_bytes\":%llu,\"heap_size\":%llu,\"idle\":%s}",
                (unsigned long long)drawn_, (unsigned long long)skipped_, m.frame_p50, m.frame_p99,
                m.frame_p50 > 0 ? 1000.0 / m.frame_p50 : 0.0, m.work_p50, m.work_p99, m.sim_p50, m.sim_p99, m.ui_p50,
                m.ui_p99, m.render_p50, last_.vertices, last_.indices, last_.draw_calls, last_.overdraw, last_.work_ms,
                last_.sim_ms, last_.ui_ms, last_.render_ms, (unsigned long long)heap_bytes, (unsigned long long)heap_size,
                idle ? "true" : "false");
  return buf;
}

std::string FrameStats::line(uint64_t heap_bytes) const {
  const Summary m = summary();
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "stats: %llu frames drawn, %llu skipped; frame p50 %.2f ms p99 %.2f ms; work p50 %.2f ms p99 %.2f ms "
                "(simulation p50 %.2f ms, UI build p50 %.2f ms, render p50 %.2f ms); %d vertices, %d draw calls, "
                "overdraw %.2fx; "
                "heap %.1f MiB",
                (unsigned long long)drawn_, (unsigned long long)skipped_, m.frame_p50, m.frame_p99, m.work_p50,
                m.work_p99, m.sim_p50, m.ui_p50, m.render_p50, last_.vertices, last_.draw_calls, last_.overdraw,
                double(heap_bytes) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace dsviz::ui
