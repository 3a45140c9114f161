// Plots with axes and units: a frame, a title, labelled ends of both axes;
// then lines (a measured series, a formula's curve), horizontal and vertical
// reference lines, points. The plot claims its size in the layout.
#pragma once
#include <initializer_list>
#include <functional>
#include <string>

#include "imgui.h"
#include "metrics.h"

namespace dsviz::ui {

struct PlotAxis {
  double lo = 0, hi = 1;
  std::function<std::string(double)> format;  // tick text with its unit
  bool log = false;                            // base-10 scale (lo > 0)
};

class Plot {
 public:
  // Starts a plot of `size` at the cursor. Too small to read: draws nothing
  // (ok() is false) but still claims the space.
  Plot(const char* title, ImVec2 size, PlotAxis x, PlotAxis y);
  ~Plot();
  bool ok() const { return ok_; }

  ImVec2 at(double x, double y) const;
  // A polyline through (xs[i], ys[i]).
  void line(const double* xs, const double* ys, int n, ImU32 col, float thickness = 2.0f);
  // y = f(x) sampled across the x range.
  void curve(const std::function<double(double)>& f, ImU32 col, float thickness = 2.0f);
  // A time series (x in seconds of virtual time), continued to (now, last).
  void series(const TimeSeries& s, double now_s, double last, ImU32 col);
  void points(const double* xs, const double* ys, int n, ImU32 col, float radius = 3.5f);
  // Reference lines with a value label on the y axis (or at the top for x).
  void hline(double y, ImU32 col, bool label = true);
  // `row` stacks labels of nearby lines (0: top line of the frame).
  void vline(double x, ImU32 col, const char* label = nullptr, int row = 0);

 private:
  double fx(double x) const;
  double fy(double y) const;
  ImDrawList* dl_;
  ImVec2 origin_, size_, p0_, p1_;
  PlotAxis x_, y_;
  bool ok_ = false;
  float line_h_ = 0;
  std::vector<float> label_ys_;  // y-axis labels placed so far (no overlaps)
};

// A swatch and its text, continuing the line (call ImGui::NewLine() after the last).
void legend_key(ImU32 col, const char* text, bool line_swatch = true);

// One of a scene's run counters: its text, colour and an optional tooltip.
struct Counter {
  std::string text;
  ImU32 col;
  const char* tip = nullptr;
};
// The counters in the small font, one line that wraps before a counter that
// would not fit.
void counter_row(std::initializer_list<Counter> counters);

}  // namespace dsviz::ui
