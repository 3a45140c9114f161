// Scene "concurrency" (chapter: 1. Concurrency). The chapter's sequence
// diagram as a space-time diagram of the current round: one lane per machine,
// time to the right, each message an arrow from its true send time to its
// true receive time (replies dashed, as in the chapter). Below, "Run 1,000
// times" and what it found. Every figure comes from ConcurrencyModel.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "scenes/concurrency.h"
#include "theme.h"
#include "draw.h"
#include "views.h"

namespace dsviz::ui {
namespace {

using CM = ConcurrencyModel;

struct Lane {
  uint32_t node;
  const char* name;
};
const Lane kFanOutLanes[] = {{CM::kUser, "User"}, {CM::kA, "Server A"}, {CM::kB, "Server B"}, {CM::kC, "Server C"}};
const Lane kTwoUserLanes[] = {
    {CM::kUser, "User 1"}, {CM::kB, "Server B"}, {CM::kA, "Server A (x)"}, {CM::kC, "Server C"}, {CM::kUser2, "User 2"}};

std::string ms(Time t) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f ms", to_ms(t));
  return b;
}

bool is_reply(uint32_t kind) {
  switch (kind) {
    case CM::kResponse: case CM::kAck: case CM::kResult: case CM::kValue: case CM::kWritten: case CM::kDone: return true;
    default: return false;
  }
}

// Colour by path: the user's own hop, B's branch, C's branch.
ImU32 kind_color(const MessageRecord& r, const Palette& pal) {
  const bool b_side = r.from == CM::kB || r.to == CM::kB;
  const bool c_side = r.from == CM::kC || r.to == CM::kC;
  if (r.kind == CM::kRequest || r.kind == CM::kResult) return pal.message;
  if (b_side) return pal.node_border;
  if (c_side) return pal.hidden;
  return pal.message;
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

// A round-number tick step (1, 2 or 5 x 10^k ms) giving about `target` ticks.
double tick_step_ms(double span_ms, int target) {
  double raw = span_ms / double(target > 0 ? target : 1);
  double p = 1;
  while (p * 10 <= raw) p *= 10;
  while (p > raw && p > 1e-3) p /= 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (p * m >= raw) return p * m;
  return p * 10;
}

struct ArrowLabel {
  const MessageRecord* rec;
  ImVec2 p0, p1;
  bool lost;
};

// The text next to an arrow: its kind, and in two-users mode the value it carries.
std::string arrow_label(const CM& m, const MessageRecord& r, bool lost) {
  std::string s = CM::kind_name(r.kind);
  const CM::Round& rd = m.current();
  const int c = (r.from == CM::kB || r.to == CM::kB) ? 0 : 1;
  char b[64];
  if (r.kind == CM::kValue && rd.read_value[c] >= 0) {
    std::snprintf(b, sizeof b, " x=%" PRId64, rd.read_value[c]);
    s += b;
  } else if (r.kind == CM::kWrite && rd.write_value[c] >= 0) {
    std::snprintf(b, sizeof b, " x:=%" PRId64, rd.write_value[c]);
    s += b;
    if (lost) s += " overwrites the other update";
  }
  return s;
}

void draw_header(CM& m, const ViewContext& ctx, const Palette& pal) {
  const bool two = m.mode() == CM::kTwoUsers;
  if (ImGui::GetContentRegionAvail().y < 200 * ctx.dpi_scale) {
    // Tiny (an embed of 320x240): one line of controls, the rest is diagram.
    if (ImGui::SmallButton(two ? "Two users" : "Fan-out")) m.set("mode", two ? 0 : 1);
    ImGui::SetItemTooltip("Mode: %s. Click to switch to %s.", two ? "two users, one record" : "one user, fan-out",
                          two ? "the chapter's fan-out" : "two users, one record");
    ImGui::SameLine();
    if (ImGui::SmallButton("Run 1,000 times")) m.run_batch(1000);
    ImGui::SetItemTooltip("1,000 independent runs of one round with these settings");
    return;
  }
  if (ImGui::RadioButton(ctx.compact ? "Fan-out" : "One user, fan-out", !two)) m.set("mode", 0);
  ImGui::SetItemTooltip("The chapter's diagram: A asks B and C at the same time");
  ImGui::SameLine();
  if (ImGui::RadioButton(ctx.compact ? "Two users" : "Two users, one record", two)) m.set("mode", 1);
  ImGui::SetItemTooltip("Two users add one to the same record x at about the same time");
  const char* run_label = "Run 1,000 times";
  const float run_w = ImGui::CalcTextSize(run_label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < run_w) ImGui::NewLine();
  if (ImGui::Button(run_label)) m.run_batch(1000);
  ImGui::SetItemTooltip("1,000 independent runs of one round with these settings (seeds derived from this run's seed)");

  // What the round on screen shows.
  const CM::Round& r = m.current();
  if (m.rounds_done() == 0 && !m.round_running()) {
    ImGui::TextDisabled("Waiting for the first request");
    return;
  }
  ImGui::Text("Round %" PRIu64, r.index + 1);
  ImGui::SameLine();
  if (!two) {
    if (r.branch_b >= 0 && r.branch_c >= 0) {
      ImGui::PushStyleColor(ImGuiCol_Text, r.b_first ? pal.node_border : pal.hidden);
      ImGui::TextUnformatted(r.b_first ? "B's response came first" : "C's ack came first");
      ImGui::PopStyleColor();
    } else if (r.branch_b >= 0 || r.branch_c >= 0) {
      ImGui::TextUnformatted(r.branch_b >= 0 ? "B has answered, waiting for C" : "C has answered, waiting for B");
    } else {
      ImGui::TextDisabled("in progress");
    }
    if (r.done()) {
      const std::string t = "user waited " + ms(r.latency) + " (slower branch " +
                            ms(r.branch_b > r.branch_c ? r.branch_b : r.branch_c) + ")";
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(t.c_str()).x) ImGui::NewLine();
      ImGui::TextDisabled("%s", t.c_str());
    }
  } else {
    if (r.done()) {
      const bool lost = r.lost_client >= 0;
      ImGui::PushStyleColor(ImGuiCol_Text, lost ? pal.failed : pal.ok);
      ImGui::Text("x went %" PRId64 " -> %" PRId64 " after two increments%s", r.start_value, r.final_value,
                  lost ? ": one update lost" : "");
      ImGui::PopStyleColor();
    } else {
      ImGui::TextDisabled("x = %" PRId64 " at the start; both users add one", r.start_value);
    }
  }
}

// The space-time diagram of the current round, in the rectangle [a, b].
void draw_diagram(CM& m, const ViewContext& ctx, const Palette& pal, ImVec2 a, ImVec2 b) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.dpi_scale;
  const bool two = m.mode() == CM::kTwoUsers;
  const Lane* lanes = two ? kTwoUserLanes : kFanOutLanes;
  const int nl = two ? 5 : 4;
  const bool small = (b.x - a.x) < 420 * s || (b.y - a.y) < 170 * s;

  // Time axis: a span from the settings (worst case of the delays), widened
  // if a round runs longer, so arrows keep their place as the round goes on.
  auto worst = [&](const char* lat, const char* jit) { return m.get(lat) + m.get(jit); };
  const double user = worst("user_ms", "user_jitter_ms");
  const double branch = std::fmax(worst("ab_ms", "ab_jitter_ms"), worst("ac_ms", "ac_jitter_ms"));
  double span_ms = two ? m.get("stagger_ms") + 2 * user + 4 * branch : 2 * user + 2 * branch;
  const CM::Round& r = m.current();
  const Time t0 = r.start;
  const Time t_end = r.done() ? r.end : m.now();
  span_ms = std::fmax(span_ms * 1.04, to_ms(t_end - t0) * 1.04);
  if (span_ms <= 0) span_ms = 1;

  ImGui::PushFont(fonts().small);
  const float label_w = (small ? 58.0f : 92.0f) * s;
  const float axis_h = ImGui::GetTextLineHeight() + 6 * s;
  const float x0 = a.x + label_w, x1 = b.x - 10 * s;
  const float y_top = a.y + 8 * s, y_bot = b.y - axis_h;
  auto lane_y = [&](uint32_t node) {
    for (int i = 0; i < nl; ++i)
      if (lanes[i].node == node) return y_top + (y_bot - y_top) * (float(i) + 0.5f) / float(nl);
    return y_top;
  };
  auto tx = [&](Time t) { return x0 + float(to_ms(t - t0) / span_ms) * (x1 - x0); };

  dl->PushClipRect(a, b, true);
  // Lanes.
  for (int i = 0; i < nl; ++i) {
    const float y = lane_y(lanes[i].node);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), pal.link, 1.5f * s);
    const char* name = lanes[i].name;
    if (small && std::string(name).rfind("Server ", 0) == 0) name += 7;  // "A", "B", ...
    const ImVec2 ts = ImGui::CalcTextSize(name);
    dl->AddText(ImVec2(a.x + 2 * s, y - ts.y * 0.5f), pal.text, name);
  }
  // Axis: milliseconds since the round began.
  const double step = tick_step_ms(span_ms, small ? 3 : 6);
  for (double v = 0; v <= span_ms + 1e-9; v += step) {
    const float x = x0 + float(v / span_ms) * (x1 - x0);
    dl->AddLine(ImVec2(x, y_bot), ImVec2(x, y_bot + 4 * s), pal.muted, 1.0f);
    char lb[32];
    std::snprintf(lb, sizeof lb, step < 1 ? "%.1f ms" : "%.0f ms", v);
    const ImVec2 ts = ImGui::CalcTextSize(lb);
    if (x + ts.x * 0.5f <= b.x) dl->AddText(ImVec2(x - ts.x * 0.5f, y_bot + 4 * s), pal.muted, lb);
  }
  if (!r.done()) {  // now
    const float x = tx(m.now());
    dl->AddLine(ImVec2(x, y_top), ImVec2(x, y_bot), pal.warning, 1.0f * s);
  }

  // Arrows of this round's messages, as far as they have travelled.
  const auto& trace = m.cluster().trace;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hover_area = ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y;
  const MessageRecord* hovered = nullptr;
  float best = 7 * s;
  std::vector<ArrowLabel> labels;
  for (size_t i = trace.size(); i-- > 0;) {  // newest first: the round is at the end
    const MessageRecord& mr = trace[i];
    if (mr.id < r.first_msg) break;
    if (mr.send_true > t_end) continue;
    const bool lost = two && r.lost_client >= 0 && mr.id == r.lost_write_msg;
    const Time arrive = mr.delivered() ? mr.recv_true : (mr.due_true < m.now() ? mr.due_true : m.now());
    const ImVec2 p0(tx(mr.send_true), lane_y(mr.from));
    ImVec2 p1(tx(mr.due_true), lane_y(mr.to));
    if (!mr.delivered() && mr.due_true > mr.send_true) {  // in flight: part of the way
      const float f = float(double(arrive - mr.send_true) / double(mr.due_true - mr.send_true));
      p1 = ImVec2(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
    }
    const ImU32 col = lost ? pal.failed : kind_color(mr, pal);
    const float thick = (lost ? 3.0f : 1.8f) * s;
    if (is_reply(mr.kind)) dashed_line(dl, p0, p1, col, thick, 5 * s);
    else dl->AddLine(p0, p1, col, thick);
    if (mr.delivered()) arrow_head(dl, p0, p1, col, (lost ? 11.0f : 8.0f) * s);
    else dl->AddCircleFilled(p1, 3.5f * s, col);
    // Labels go on in a second pass, so none is drawn under an arrow.
    const float len = std::fabs(p1.y - p0.y) + std::fabs(p1.x - p0.x);
    if (mr.delivered() && (!small || lost) && len > 40 * s) labels.push_back({&mr, p0, p1, lost});
    if (hover_area) {
      const float d = seg_distance(mouse, p0, p1);
      if (d < best) {
        best = d;
        hovered = &mr;
      }
    }
  }
  // Labels: the lost write's first, then in send order; each tries a few
  // places beside its arrow and is left out (hover still tells) when all
  // of them would cover a label already placed.
  std::vector<ImVec4> placed;  // x0, y0, x1, y1
  auto overlaps = [&](const ImVec4& q) {
    for (const ImVec4& o : placed)
      if (q.x < o.z && o.x < q.z && q.y < o.w && o.y < q.w) return true;
    return false;
  };
  std::sort(labels.begin(), labels.end(), [](const ArrowLabel& x, const ArrowLabel& y) {
    return x.lost != y.lost ? x.lost : x.rec->id < y.rec->id;
  });
  const float lane_gap = (y_bot - y_top) / float(nl);
  for (const ArrowLabel& al : labels) {
    const std::string lb = small ? CM::kind_name(al.rec->kind) : arrow_label(m, *al.rec, al.lost);
    const ImVec2 p0 = al.p0, p1 = al.p1;
    // An arrow that crosses a lane (A -> C) is labelled in the gap next to
    // its lower end, away from the arrows ending on the lane it crosses.
    const float g = 0.5f * std::fmin(1.0f, lane_gap / std::fmax(1.0f, std::fabs(p1.y - p0.y)));
    const float f = p1.y > p0.y ? 1.0f - g : g;
    const ImVec2 mid(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
    const ImVec2 ts = ImGui::CalcTextSize(lb.c_str());
    const ImVec2 tries[] = {ImVec2(mid.x + 4 * s, mid.y - ts.y - 1 * s), ImVec2(mid.x + 4 * s, mid.y + 1 * s),
                            ImVec2(mid.x - ts.x - 4 * s, mid.y - ts.y - 1 * s), ImVec2(mid.x - ts.x - 4 * s, mid.y + 1 * s)};
    for (ImVec2 lp : tries) {
      if (lp.x + ts.x > b.x) lp.x = b.x - ts.x - 2 * s;
      if (lp.x < x0) lp.x = x0;
      const ImVec4 q(lp.x - 2, lp.y, lp.x + ts.x + 2, lp.y + ts.y);
      if (overlaps(q) && !al.lost) continue;
      placed.push_back(q);
      dl->AddRectFilled(ImVec2(q.x, q.y), ImVec2(q.z, q.w), (pal.panel & 0x00FFFFFF) | 0xC0000000);
      dl->AddText(lp, al.lost ? pal.failed : pal.text, lb.c_str());
      break;
    }
  }
  dl->PopClipRect();
  ImGui::PopFont();

  if (hovered) {
    const MessageRecord& mr = *hovered;
    auto lane_name = [&](uint32_t node) {
      for (int i = 0; i < nl; ++i)
        if (lanes[i].node == node) return lanes[i].name;
      return "?";
    };
    ImGui::BeginTooltip();
    ImGui::Text("%s: %s -> %s", arrow_label(m, mr, two && mr.id == r.lost_write_msg && r.lost_client >= 0).c_str(),
                lane_name(mr.from), lane_name(mr.to));
    ImGui::Text("sent     t = %s  (%s into the round)", format_duration(mr.send_true).c_str(),
                ms(mr.send_true - t0).c_str());
    if (mr.delivered()) {
      ImGui::Text("received t = %s  (%s into the round)", format_duration(mr.recv_true).c_str(),
                  ms(mr.recv_true - t0).c_str());
      ImGui::Text("one-way delay %s", ms(mr.recv_true - mr.send_true).c_str());
    } else {
      ImGui::Text("in flight, arrives %s into the round", ms(mr.due_true - t0).c_str());
    }
    ImGui::TextDisabled("true (simulated) time");
    ImGui::EndTooltip();
  }
}

// Recent rounds as a strip of chips: which reply came first, or whether an
// update was lost.
void draw_recent(const CM& m, const ViewContext& ctx, const Palette& pal) {
  const auto& rs = m.rounds();
  if (rs.empty()) return;
  const float s = ctx.dpi_scale;
  const bool two = m.mode() == CM::kTwoUsers;
  ImGui::TextDisabled(two ? "Recent rounds (red: update lost):" : "Recent rounds (first reply):");
  ImGui::SameLine();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  const float w = 14 * s;
  ImVec2 p = ImGui::GetCursorScreenPos();
  const int fit = int(ImGui::GetContentRegionAvail().x / (w + 2 * s));
  const int n = int(rs.size()) < fit ? int(rs.size()) : fit;
  ImGui::PushFont(fonts().small);
  for (int i = 0; i < n; ++i) {
    const CM::Round& r = rs[rs.size() - size_t(n) + size_t(i)];
    const float x = p.x + float(i) * (w + 2 * s);
    ImU32 col = two ? (r.lost_client >= 0 ? pal.failed : pal.ok) : (r.b_first ? pal.node_border : pal.hidden);
    dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + h), col, 2 * s);
    if (!two) {
      const char* t = r.b_first ? "B" : "C";
      const ImVec2 ts = ImGui::CalcTextSize(t);
      dl->AddText(ImVec2(x + (w - ts.x) * 0.5f, p.y + (h - ts.y) * 0.5f), pal.panel, t);
    }
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(float(n) * (w + 2 * s), h));
}

void draw_batch(const CM& m, const ViewContext& ctx, const Palette& pal, float max_h) {
  const CM::Batch& bt = m.batch();
  const bool two = m.mode() == CM::kTwoUsers;
  const float s = ctx.dpi_scale;
  if (bt.runs == 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::TextWrapped(two ? "Run 1,000 times: how often is an update lost?"
                           : "Run 1,000 times: how often does each reply come first, and how long does the user wait?");
    ImGui::PopStyleColor();
    return;
  }
  const double n = double(bt.runs);
  if (!two) {
    ImGui::Text("%d runs: B first %" PRIu64 " (%.1f%%), C first %" PRIu64 " (%.1f%%)", bt.runs, bt.b_first,
                100.0 * double(bt.b_first) / n, bt.c_first, 100.0 * double(bt.c_first) / n);
    // A bar split by the two orders.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = 6 * s;
    const float split = w * float(double(bt.b_first) / n);
    dl->AddRectFilled(p, ImVec2(p.x + split, p.y + h), pal.node_border);
    dl->AddRectFilled(ImVec2(p.x + split, p.y), ImVec2(p.x + w, p.y + h), pal.hidden);
    ImGui::Dummy(ImVec2(w, h));
    ImGui::TextWrapped("Latency p50 %.1f ms, p99 %.1f ms. Mean %.1f ms = user links + slower branch (%.1f ms); "
                       "the sum of both branches would be %.1f ms.",
                       bt.latency.quantile(0.5) / 1e6, bt.latency.quantile(0.99) / 1e6, bt.mean_latency_ms,
                       bt.mean_slower_ms, bt.mean_sum_ms);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.failed);
    ImGui::Text("%d runs: an update was lost in %" PRIu64 " (%.1f%%)", bt.runs, bt.lost, 100.0 * double(bt.lost) / n);
    ImGui::PopStyleColor();
    ImGui::Text("Per increment: p50 %.1f ms, p99 %.1f ms", bt.latency.quantile(0.5) / 1e6, bt.latency.quantile(0.99) / 1e6);
  }
  // The latency histogram.
  float h = std::fmin(max_h, ImGui::GetContentRegionAvail().y) - ImGui::GetTextLineHeightWithSpacing();
  if (h < 30 * s || bt.bins.empty()) return;
  if (h > 160 * s) h = 160 * s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  uint32_t peak = 1;
  for (uint32_t c : bt.bins) peak = c > peak ? c : peak;
  const float bw = w / float(bt.bins.size());
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (size_t i = 0; i < bt.bins.size(); ++i) {
    const float bh = h * float(bt.bins[i]) / float(peak);
    const float x = p.x + bw * float(i);
    dl->AddRectFilled(ImVec2(x + 1, p.y + h - bh), ImVec2(x + bw - 1, p.y + h), pal.message);
    if (ImGui::IsWindowHovered() && mouse.x >= x && mouse.x < x + bw && mouse.y >= p.y && mouse.y <= p.y + h) hovered = int(i);
  }
  dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + w, p.y + h), pal.muted);
  ImGui::Dummy(ImVec2(w, h));
  ImGui::PushFont(fonts().small);
  char lo[32], hi[32];
  std::snprintf(lo, sizeof lo, "%.1f ms", bt.lo_ms);
  std::snprintf(hi, sizeof hi, "%.1f ms", bt.lo_ms + bt.bin_ms * double(bt.bins.size()));
  const float left = ImGui::GetCursorPosX();
  ImGui::TextDisabled("%s", lo);
  ImGui::SameLine(left + w - ImGui::CalcTextSize(hi).x);
  ImGui::TextDisabled("%s", hi);
  ImGui::PopFont();
  if (hovered >= 0) {
    ImGui::BeginTooltip();
    ImGui::Text("%.1f to %.1f ms: %u %s", bt.lo_ms + bt.bin_ms * hovered, bt.lo_ms + bt.bin_ms * (hovered + 1),
                bt.bins[size_t(hovered)], two ? "increments" : "runs");
    ImGui::EndTooltip();
  }
}

void draw_legend(const CM& m, const Palette& pal) {
  const bool two = m.mode() == CM::kTwoUsers;
  struct Item {
    ImU32 col;
    const char* text;
  } items[3] = {{pal.message, "user"}, {pal.node_border, two ? "via B" : "B branch"}, {pal.hidden, two ? "via C" : "C branch"}};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const Item& it : items) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    dl->AddLine(ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + 14, p.y + h * 0.5f), it.col, 2.5f);
    ImGui::Dummy(ImVec2(16, h));
    ImGui::SameLine(0, 2);
    ImGui::TextDisabled("%s", it.text);
    ImGui::SameLine(0, 12);
  }
  ImGui::TextDisabled("dashed: reply. Hover an arrow for its times.");
}

}  // namespace

void concurrency_view(Model& model, const ViewContext& ctx) {
  auto* m = model_as<CM>(model, "concurrency");
  if (!m) return;
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.dpi_scale;
  draw_header(*m, ctx, pal);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tight = ctx.compact || avail.y < 360 * s;
  const bool side = !tight && avail.x >= 900 * s;  // batch results beside the diagram
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // Height under the diagram: recent rounds, legend, batch results.
  float below = line * (tight ? 1.0f : 2.0f);
  if (!side) below += m->batch().runs ? (tight ? line * 3 : std::fmin(200 * s, avail.y * 0.4f)) : line;
  float diag_h = avail.y - below;
  if (diag_h < 90 * s) diag_h = 90 * s;
  const float diag_w = side ? avail.x * 0.62f : avail.x;

  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + diag_w, a.y + diag_h);
  ImGui::GetWindowDrawList()->AddRect(a, b, (pal.link & 0x00FFFFFF) | 0x60000000);
  draw_diagram(*m, ctx, pal, a, b);
  ImGui::Dummy(ImVec2(diag_w, diag_h));
  if (side) {
    ImGui::SameLine();
    ImGui::BeginChild("batch", ImVec2(0, diag_h));
    ImGui::SeparatorText("1,000 runs");
    draw_batch(*m, ctx, pal, diag_h);
    ImGui::EndChild();
  }
  draw_recent(*m, ctx, pal);
  if (!tight) draw_legend(*m, pal);
  if (!side) draw_batch(*m, ctx, pal, tight ? 0.0f : ImGui::GetContentRegionAvail().y);
}

}  // namespace dsviz::ui
