#include "spacetime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "draw.h"
#include "theme.h"

namespace dsviz::ui {

bool LabelPlacer::free(const ImVec4& q) const {
  for (const ImVec4& o : boxes_)
    if (q.x < o.z && o.x < q.z && q.y < o.w && o.y < q.w) return false;
  return true;
}

bool LabelPlacer::place(ImDrawList* dl, const char* text, const ImVec2* corners, int n, ImU32 col, bool force) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  for (int i = 0; i < n; ++i) {
    ImVec2 p = corners[i];
    p.x = std::clamp(p.x, lo_.x, std::max(lo_.x, hi_.x - ts.x));
    p.y = std::clamp(p.y, lo_.y, std::max(lo_.y, hi_.y - ts.y));
    const ImVec4 q(p.x - 2, p.y, p.x + ts.x + 2, p.y + ts.y);
    if (!free(q) && !(force && i == 0)) continue;
    boxes_.push_back(q);
    dl->AddRectFilled(ImVec2(q.x, q.y), ImVec2(q.z, q.w), alpha(palette().panel, 0.75f));
    dl->AddText(p, col, text);
    return true;
  }
  return false;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float dash) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  for (float s = 0; s < len; s += 2 * dash) {
    const float e = std::fmin(s + dash, len);
    dl->AddLine(ImVec2(a.x + dx * s / len, a.y + dy * s / len), ImVec2(a.x + dx * e / len, a.y + dy * e / len), col, thick);
  }
}

double tick_step(double span, int target) {
  const double raw = span / double(target > 0 ? target : 1);
  double p = 1;
  while (p * 10 <= raw) p *= 10;
  while (p > raw && p > 1e-6) p /= 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (p * m >= raw) return p * m;
  return p * 10;
}

SpacetimeArrow message_arrow(const MessageRecord& r, int from_lane, int to_lane, ImU32 col, uint64_t id) {
  SpacetimeArrow ar;
  ar.from = from_lane;
  ar.to = to_lane;
  ar.send = r.send_true;
  ar.due = r.due_true;
  ar.delivered = r.delivered();
  ar.col = col;
  ar.id = id;
  return ar;
}

Spacetime::Spacetime(ImVec2 a, ImVec2 b, Time t0, Time span, const std::vector<std::string>& lanes, TimeAxis axis,
                     bool small)
    : dl_(ImGui::GetWindowDrawList()), a_(a), b_(b), t0_(t0), span_(span > 0 ? span : 1), lanes_(int(lanes.size())),
      small_(small), labels_(a, b) {
  const Palette& pal = palette();
  ImGui::PushFont(fonts().small);
  float name_w = 0;
  for (const auto& n : lanes) name_w = std::max(name_w, ImGui::CalcTextSize(n.c_str()).x);
  const float axis_h = ImGui::GetTextLineHeight() + 6;
  x0_ = a.x + name_w + 8;
  x1_ = b.x - 10;
  y_top_ = a.y + 8;
  y_bot_ = b.y - axis_h;
  dl_->PushClipRect(a, b, true);
  dl_->AddRect(a, b, alpha(pal.link, 0.4f));
  for (int i = 0; i < lanes_; ++i) {
    const float y = lane_y(i);
    dl_->AddLine(ImVec2(x0_, y), ImVec2(x1_, y), pal.link, 1.5f);
    const ImVec2 ts = ImGui::CalcTextSize(lanes[size_t(i)].c_str());
    dl_->AddText(ImVec2(a.x + 4, y - ts.y * 0.5f), pal.text, lanes[size_t(i)].c_str());
    labels_.reserve(ImVec2(a.x, y - ts.y * 0.5f), ImVec2(a.x + 4 + ts.x, y + ts.y * 0.5f));
  }
  // The axis, in round steps; the last label is kept inside the frame.
  const double span_ms = to_ms(span_);
  const bool before_now = axis == TimeAxis::kBeforeNow;
  const double unit = before_now ? 1000.0 : 1.0;  // ms per axis unit
  const double step = tick_step(span_ms / unit, small ? 3 : 6);
  for (double v = 0; v <= span_ms / unit + 1e-9; v += step) {
    const float x = before_now ? x1_ - float(v * unit / span_ms) * (x1_ - x0_) : x0_ + float(v * unit / span_ms) * (x1_ - x0_);
    dl_->AddLine(ImVec2(x, y_bot_), ImVec2(x, y_bot_ + 4), pal.muted, 1.0f);
    char lb[32];
    if (before_now) {
      if (v == 0) std::snprintf(lb, sizeof lb, "now");
      else std::snprintf(lb, sizeof lb, step < 1 ? "-%.1f s" : "-%.0f s", v);
    } else {
      std::snprintf(lb, sizeof lb, step < 1 ? "%.1f ms" : "%.0f ms", v);
    }
    const ImVec2 ts = ImGui::CalcTextSize(lb);
    const float lx = std::clamp(x - ts.x * 0.5f, x0_ - ts.x * 0.5f, b.x - ts.x);
    dl_->AddText(ImVec2(lx, y_bot_ + 4), pal.muted, lb);
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  hover_area_ = ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y;
  best_ = 8;
}

Spacetime::~Spacetime() {
  dl_->PopClipRect();
  ImGui::PopFont();
}

float Spacetime::x(Time t) const { return x0_ + float(double(t - t0_) / double(span_)) * (x1_ - x0_); }

float Spacetime::lane_y(int lane) const {
  return y_top_ + (y_bot_ - y_top_) * (float(lane) + 0.5f) / float(lanes_ > 0 ? lanes_ : 1);
}

void Spacetime::now_line(Time t, ImU32 col) { dl_->AddLine(ImVec2(x(t), y_top_), ImVec2(x(t), y_bot_), col, 1.0f); }

void Spacetime::tick(int lane, Time t, ImU32 col) {
  const float y = lane_y(lane);
  dl_->AddLine(ImVec2(x(t), y - 7), ImVec2(x(t), y + 7), col, 2.0f);
}

ImVec2 Spacetime::arrow(const SpacetimeArrow& ar, Time now) {
  const ImVec2 p0(x(ar.send), lane_y(ar.from));
  ImVec2 p1(x(ar.due), lane_y(ar.to));
  if (!ar.delivered && ar.due > ar.send) {  // in flight: the part travelled so far
    const Time at = std::min(now, ar.due);
    const float f = float(double(at - ar.send) / double(ar.due - ar.send));
    p1 = ImVec2(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
  }
  const float th = ar.emphasized ? ar.thickness * 1.6f : ar.thickness;
  if (ar.dashed) dashed_line(dl_, p0, p1, ar.col, th, 5);
  else dl_->AddLine(p0, p1, ar.col, th);
  if (ar.delivered) arrow_head(dl_, p0, p1, ar.col, ar.emphasized ? 11.0f : 8.0f);
  else dl_->AddCircleFilled(p1, 4.0f, ar.col);  // the message, on its way
  dl_->AddCircleFilled(p0, 2.5f, ar.col);
  if (hover_area_) {
    const float d = seg_distance(ImGui::GetIO().MousePos, p0, p1);
    if (d < best_) {
      best_ = d;
      hover_ = ar;
      has_hover_ = true;
    }
  }
  return p1;
}

void Spacetime::arrow_label(const std::string& text, ImVec2 p0, ImVec2 p1, ImU32 col, bool force) {
  // Near the lower end, in the gap between lanes, away from the arrows that
  // end on the lane it crosses.
  const float lane_gap = (y_bot_ - y_top_) / float(lanes_ > 0 ? lanes_ : 1);
  const float g = 0.5f * std::fmin(1.0f, lane_gap / std::fmax(1.0f, std::fabs(p1.y - p0.y)));
  const float f = p1.y > p0.y ? 1.0f - g : g;
  const ImVec2 mid(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  const ImVec2 tries[] = {ImVec2(mid.x + 4, mid.y - ts.y - 1), ImVec2(mid.x + 4, mid.y + 1),
                          ImVec2(mid.x - ts.x - 4, mid.y - ts.y - 1), ImVec2(mid.x - ts.x - 4, mid.y + 1)};
  labels_.place(dl_, text.c_str(), tries, 4, col, force);
}

}  // namespace dsviz::ui
