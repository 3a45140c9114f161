#include "plot.h"

#include <algorithm>
#include <cmath>

#include "detmath.h"
#include "draw.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

Plot::Plot(const char* title, ImVec2 size, PlotAxis x, PlotAxis y)
    : dl_(ImGui::GetWindowDrawList()), origin_(ImGui::GetCursorScreenPos()), size_(size), x_(std::move(x)), y_(std::move(y)) {
  const Palette& pal = palette();
  ImGui::PushFont(fonts().small);
  line_h_ = ImGui::GetTextLineHeight();
  // Room on the left for the widest y label.
  float left = 0;
  if (y_.format) left = std::max(ImGui::CalcTextSize(y_.format(y_.hi).c_str()).x, ImGui::CalcTextSize(y_.format(y_.lo).c_str()).x);
  left = std::min(left + 6, size.x * 0.3f);
  p0_ = ImVec2(origin_.x + left, origin_.y + line_h_ + 2);
  p1_ = ImVec2(origin_.x + size.x - 6, origin_.y + size.y - line_h_ - 2);
  ok_ = p1_.y - p0_.y >= 12 && p1_.x - p0_.x >= 24 && x_.hi > x_.lo && y_.hi > y_.lo;
  if (x_.log && x_.lo <= 0) ok_ = false;
  if (y_.log && y_.lo <= 0) ok_ = false;
  if (!ok_) return;
  dl_->AddText(origin_, pal.text, title);
  dl_->AddRectFilled(p0_, p1_, alpha(pal.muted, 0.08f));
  dl_->AddRect(p0_, p1_, alpha(pal.muted, 0.5f));
  if (y_.format) {
    const std::string hi = y_.format(y_.hi), lo = y_.format(y_.lo);
    dl_->AddText(ImVec2(origin_.x, p0_.y), pal.muted, hi.c_str());
    label_ys_.push_back(p0_.y);
    if (p1_.y - p0_.y >= 3 * line_h_) {
      dl_->AddText(ImVec2(origin_.x, p1_.y - line_h_), pal.muted, lo.c_str());
      label_ys_.push_back(p1_.y - line_h_);
    }
  }
  if (x_.format) {
    const std::string lo = x_.format(x_.lo), hi = x_.format(x_.hi);
    dl_->AddText(ImVec2(p0_.x, p1_.y + 1), pal.muted, lo.c_str());
    dl_->AddText(ImVec2(p1_.x - ImGui::CalcTextSize(hi.c_str()).x, p1_.y + 1), pal.muted, hi.c_str());
  }
  dl_->PushClipRect(p0_, p1_, true);
}

Plot::~Plot() {
  if (ok_) dl_->PopClipRect();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(origin_);
  ImGui::Dummy(size_);
}

double Plot::fx(double x) const {
  if (x_.log) return (dm::log(std::max(x, x_.lo * 1e-3)) - dm::log(x_.lo)) / (dm::log(x_.hi) - dm::log(x_.lo));
  return (x - x_.lo) / (x_.hi - x_.lo);
}

double Plot::fy(double y) const {
  double f = y_.log ? (dm::log(std::max(y, y_.lo * 1e-3)) - dm::log(y_.lo)) / (dm::log(y_.hi) - dm::log(y_.lo))
                    : (y - y_.lo) / (y_.hi - y_.lo);
  return std::clamp(f, -0.05, 1.05);  // off-scale values sit just outside, clipped
}

ImVec2 Plot::at(double x, double y) const {
  return ImVec2(p0_.x + (p1_.x - p0_.x) * float(fx(x)), p1_.y - (p1_.y - p0_.y) * float(fy(y)));
}

void Plot::line(const double* xs, const double* ys, int n, ImU32 col, float th) {
  if (!ok_) return;
  for (int i = 1; i < n; ++i) dl_->AddLine(at(xs[i - 1], ys[i - 1]), at(xs[i], ys[i]), col, th);
}

void Plot::curve(const std::function<double(double)>& f, ImU32 col, float th) {
  if (!ok_) return;
  constexpr int kSamples = 64;
  ImVec2 prev;
  for (int i = 0; i <= kSamples; ++i) {
    const double t = double(i) / kSamples;
    const double x = x_.log ? dm::exp(dm::log(x_.lo) + t * (dm::log(x_.hi) - dm::log(x_.lo))) : x_.lo + t * (x_.hi - x_.lo);
    const ImVec2 p = at(x, f(x));
    if (i > 0) dl_->AddLine(prev, p, col, th);
    prev = p;
  }
}

void Plot::series(const TimeSeries& s, double now_s, double last, ImU32 col) {
  if (!ok_) return;
  ImVec2 prev = at(x_.lo, s.empty() ? last : s[0].v);
  for (size_t i = 0; i < s.size(); ++i) {
    const ImVec2 p = at(to_s(s[i].t), s[i].v);
    dl_->AddLine(prev, p, col, 2.0f);
    prev = p;
  }
  const ImVec2 end = at(now_s, last);
  dl_->AddLine(prev, end, col, 2.0f);
  dl_->AddCircleFilled(end, 3.5f, col);
}

void Plot::points(const double* xs, const double* ys, int n, ImU32 col, float r) {
  if (!ok_) return;
  for (int i = 0; i < n; ++i) dl_->AddCircleFilled(at(xs[i], ys[i]), r, col, 10);
}

void Plot::hline(double y, ImU32 col, bool label) {
  if (!ok_) return;
  const float py = at(x_.lo, y).y;
  dl_->AddLine(ImVec2(p0_.x, py), ImVec2(p1_.x, py), col, 1.5f);
  if (!label || !y_.format) return;
  const float ly = py - line_h_ * 0.5f;
  for (float o : label_ys_)
    if (std::fabs(o - ly) < line_h_) return;  // would overlap a label already there
  if (ly < p0_.y || ly + line_h_ > p1_.y) return;
  label_ys_.push_back(ly);
  dl_->PopClipRect();
  dl_->AddText(ImVec2(origin_.x, ly), col, y_.format(y).c_str());
  dl_->PushClipRect(p0_, p1_, true);
}

void Plot::vline(double x, ImU32 col, const char* label, int row) {
  if (!ok_) return;
  const float px = at(x, y_.lo).x;
  dl_->AddLine(ImVec2(px, p0_.y), ImVec2(px, p1_.y), col, 1.5f);
  if (label) {
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const float lx = std::clamp(px + 3, p0_.x, p1_.x - ts.x);
    dl_->AddText(ImVec2(lx, p0_.y + 1 + float(row) * line_h_), col, label);
  }
}

void legend_key(ImU32 col, const char* text, bool line_swatch) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (line_swatch) dl->AddLine(ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + 14, p.y + h * 0.5f), col, 2.5f);
  else dl->AddCircleFilled(ImVec2(p.x + 6, p.y + h * 0.5f), 4, col);
  ImGui::Dummy(ImVec2(16, h));
  ImGui::SameLine(0, 3);
  ImGui::TextDisabled("%s", text);
  ImGui::SameLine(0, 12);
}

void counter_row(std::initializer_list<Counter> counters) {
  ImGui::PushFont(fonts().small);
  bool first = true;
  for (const Counter& c : counters) {
    if (!first) {
      ImGui::SameLine(0, 14);
      if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(c.text.c_str()).x) ImGui::NewLine();
    }
    first = false;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.col), "%s", c.text.c_str());
    if (c.tip) tip("%s", c.tip);
  }
  ImGui::PopFont();
}

}  // namespace dsviz::ui
