// Frame statistics (issue 14): times of the last drawn frames and the last
// frame's geometry, for window.dsviz.stats() in the browser and the desktop's
// --stats line. Plain numbers in, text out: the platform measures.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dsviz::ui {

struct FrameSample {
  double interval_ms = 0;  // since the previous drawn frame began (0: first, or after an idle spell)
  double work_ms = 0;      // the frame's own time: input, simulation, UI, GL calls (no vsync wait)
  double sim_ms = 0;       // advancing the simulation (App::sim_ms)
  double ui_ms = 0;        // building the UI (ImGui's NewFrame to Render, the simulation left out)
  double render_ms = 0;    // handing the draw lists to GL
  int vertices = 0;
  int indices = 0;
  int draw_calls = 0;
  double overdraw = 0;  // pixels the triangles fill / the screen's pixels (web/overdraw.h)
};

// The p-th percentile (0..100) of v, nearest rank; 0 for an empty v.
double percentile(std::vector<double> v, double p);

class FrameStats {
 public:
  static constexpr size_t kWindow = 240;  // frames the percentiles cover (4 s at 60 fps)

  void add(const FrameSample& s);
  void skip() { ++skipped_; }
  uint64_t drawn() const { return drawn_; }
  uint64_t skipped() const { return skipped_; }

  // {"frames_drawn":..,"frames_skipped":..,"frame_ms_p50":..,"frame_ms_p99":..,
  //  "fps":..,"work_ms_p50":..,"work_ms_p99":..,"sim_ms_p50":..,"ui_ms_p50":..,
  //  "render_ms_p50":..,"vertices":..,"indices":..,"draw_calls":..,"overdraw":..,
  //  "last_work_ms":..,"last_sim_ms":..,"last_ui_ms":..,"last_render_ms":..,
  //  "heap_bytes":..,"heap_size":..,"idle":..}; last_*: the last drawn frame alone
  //  (geometry is the last frame's too)
  std::string json(uint64_t heap_bytes, uint64_t heap_size, bool idle) const;
  // One line for a terminal: "stats: 240 frames, frame p50 16.7 ms p99 ..."
  std::string line(uint64_t heap_bytes) const;

 private:
  struct Summary {
    double frame_p50, frame_p99, work_p50, work_p99, sim_p50, sim_p99, ui_p50, ui_p99, render_p50;
  };
  Summary summary() const;

  std::vector<FrameSample> ring_;
  size_t next_ = 0;
  uint64_t drawn_ = 0, skipped_ = 0;
  FrameSample last_;
};

}  // namespace dsviz::ui
