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

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "histogram.h"
#include "imgui.h"
#include "plot.h"
#include "scenes/concurrency.h"
#include "spacetime.h"
#include "theme.h"
#include "views.h"
#include "touch.h"

namespace dsviz::ui {

struct ConcurrencyView {};  // nothing to remember: the model holds the round and the batch

// "Run 1,000 times": its counts and latency histogram (concurrency_parts.cpp).
void concurrency_batch(const ConcurrencyModel& m, const ViewContext& ctx, const Palette& pal, float max_h);

namespace {

using CM = ConcurrencyModel;

struct Lane {
  uint32_t node;
  const char* name;
};
const Lane kFanOutLanes[] = {{CM::kUser, "User"}, {CM::kA, "Server A"}, {CM::kB, "Server B"}, {CM::kC, "Server C"}};
const Lane kTwoUserLanes[] = {
    {CM::kUser, "User 1"}, {CM::kB, "Server B"}, {CM::kA, "Server A (x)"}, {CM::kC, "Server C"}, {CM::kUser2, "User 2"}};

std::string ms(Time t) { return fmt::ms(to_ms(t)); }

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
  if (ImGui::GetContentRegionAvail().y < 200 * ctx.scale) {
    // Tiny (an embed of 320x240): one line of controls, the rest is diagram.
    if (small_button(two ? "Two users" : "Fan-out")) m.set(CM::kMode, two ? 0 : 1);
    tip("Mode: %s. %s to switch to %s.", two ? "two users, one record" : "one user, fan-out",
                          tap_word(), two ? "the chapter's fan-out" : "two users, one record");
    ImGui::SameLine();
    if (small_button("Run 1,000 times")) m.run_batch(1000);
    tip("1,000 independent runs of one round with these settings");
    return;
  }
  if (ImGui::RadioButton(ctx.compact ? "Fan-out" : "One user, fan-out", !two)) m.set(CM::kMode, 0);
  tip("The chapter's diagram: A asks B and C at the same time");
  ImGui::SameLine();
  if (ImGui::RadioButton(ctx.compact ? "Two users" : "Two users, one record", two)) m.set(CM::kMode, 1);
  tip("Two users add one to the same record x at about the same time");
  const char* run_label = "Run 1,000 times";
  const float run_w = ImGui::CalcTextSize(run_label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < run_w) ImGui::NewLine();
  if (ImGui::Button(run_label)) m.run_batch(1000);
  tip("1,000 independent runs of one round with these settings (seeds derived from this run's seed)");

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
      ImGui::PushStyleColor(ImGuiCol_Text, r.tie ? pal.text : r.b_first ? pal.node_border : pal.hidden);
      ImGui::TextUnformatted(r.tie ? "B and C answered at the same instant" : r.b_first ? "B's response came first" : "C's ack came first");
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
  const float s = ctx.scale;
  const bool two = m.mode() == CM::kTwoUsers;
  const Lane* lanes = two ? kTwoUserLanes : kFanOutLanes;
  const int nl = two ? 5 : 4;
  const bool small = (b.x - a.x) < 420 * s || (b.y - a.y) < 170 * s;

  // Time axis: a span from the settings (worst case of the delays), widened
  // if a round runs longer, so arrows keep their place as the round goes on.
  auto worst = [&](SettingId lat, SettingId jit) { return m.get(lat) + m.get(jit); };
  const double user = worst(CM::kUserMs, CM::kUserJitterMs);
  const double branch = std::fmax(worst(CM::kAbMs, CM::kAbJitterMs), worst(CM::kAcMs, CM::kAcJitterMs));
  double span_ms = two ? m.get(CM::kStaggerMs) + 2 * user + 4 * branch : 2 * user + 2 * branch;
  const CM::Round& r = m.current();
  const Time t0 = r.start;
  const Time t_end = r.done() ? r.end : m.now();
  span_ms = std::fmax(span_ms * 1.04, to_ms(t_end - t0) * 1.04);
  if (span_ms <= 0) span_ms = 1;

  std::vector<std::string> names;
  for (int i = 0; i < nl; ++i) {
    std::string n = lanes[i].name;
    if (small && n.rfind("Server ", 0) == 0) n = n.substr(7);  // "A", "B", ...
    names.push_back(n);
  }
  auto lane_of = [&](uint32_t node) {
    for (int i = 0; i < nl; ++i)
      if (lanes[i].node == node) return i;
    return 0;
  };
  Spacetime st(a, b, t0, from_ms(span_ms), names, TimeAxis::kSinceStart, small);
  if (!r.done()) st.now_line(m.now(), pal.warning);

  // Arrows of this round's messages, as far as they have travelled; labels
  // after all arrows so none is drawn under one. The lost write's first.
  struct Pending {
    const MessageRecord* rec;
    ImVec2 p0, p1;
    bool lost;
  };
  std::vector<Pending> labels;
  const auto& trace = m.cluster().trace;
  for (size_t i = trace.size(); i-- > 0;) {  // newest first: the round is at the end
    const MessageRecord& mr = trace[i];
    if (mr.id < r.first_msg) break;
    if (mr.send_true > t_end) continue;
    const bool lost = two && r.lost_client >= 0 && mr.id == r.lost_write_msg;
    SpacetimeArrow ar = message_arrow(mr, lane_of(mr.from), lane_of(mr.to), lost ? pal.failed : kind_color(mr, pal), i);
    ar.dashed = is_reply(mr.kind);
    ar.emphasized = lost;
    const ImVec2 p1 = st.arrow(ar, m.now());
    const ImVec2 p0(st.x(mr.send_true), st.lane_y(ar.from));
    const float len = std::fabs(p1.y - p0.y) + std::fabs(p1.x - p0.x);
    if (mr.delivered() && (!small || lost) && len > 40 * s) labels.push_back({&mr, p0, p1, lost});
  }
  std::sort(labels.begin(), labels.end(), [](const Pending& x, const Pending& y) {
    return x.lost != y.lost ? x.lost : x.rec->id < y.rec->id;
  });
  for (const Pending& l : labels)
    st.arrow_label(small ? CM::kind_name(l.rec->kind) : arrow_label(m, *l.rec, l.lost), l.p0, l.p1,
                   l.lost ? pal.failed : pal.text, l.lost);

  if (const SpacetimeArrow* h = st.hovered()) {
    const MessageRecord& mr = trace[size_t(h->id)];
    begin_tip(false);
    ImGui::Text("%s: %s -> %s", arrow_label(m, mr, h->emphasized).c_str(), lanes[h->from].name, lanes[h->to].name);
    ImGui::Text("sent     t = %s  (%s into the round)", fmt::duration(mr.send_true).c_str(), ms(mr.send_true - t0).c_str());
    if (mr.delivered()) {
      ImGui::Text("received t = %s  (%s into the round)", fmt::duration(mr.recv_true).c_str(),
                  ms(mr.recv_true - t0).c_str());
      ImGui::Text("one-way delay %s", ms(mr.recv_true - mr.send_true).c_str());
    } else {
      ImGui::Text("in flight, arrives %s into the round", ms(mr.due_true - t0).c_str());
    }
    ImGui::TextDisabled("true (simulated) time");
    end_tip();
  }
}

// Recent rounds as a strip of chips: which reply came first, or whether an
// update was lost.
void draw_recent(const CM& m, const ViewContext& ctx, const Palette& pal) {
  const auto& rs = m.rounds();
  if (rs.empty()) return;
  const bool two = m.mode() == CM::kTwoUsers;
  ImGui::TextDisabled(two ? "Recent rounds (red: update lost):" : "Recent rounds (first reply):");
  ImGui::SameLine();
  std::vector<Chip> chips;
  for (size_t i = 0; i < rs.size(); ++i) {
    const CM::Round& r = rs[i];
    if (two) chips.push_back({r.lost_client >= 0 ? pal.failed : pal.ok, nullptr});
    else if (r.tie) chips.push_back({pal.muted, "="});
    else chips.push_back({r.b_first ? pal.node_border : pal.hidden, r.b_first ? "B" : "C"});
  }
  chip_strip(chips, 14 * ctx.scale);
}

void draw_legend(const CM& m, const Palette& pal) {
  const bool two = m.mode() == CM::kTwoUsers;
  legend_key(pal.message, "user");
  legend_key(pal.node_border, two ? "via B" : "B branch");
  legend_key(pal.hidden, two ? "via C" : "C branch");
  ImGui::TextDisabled(touch_input() ? "dashed: reply. Touch and hold an arrow for its times." : "dashed: reply. Hover an arrow for its times.");
}

}  // namespace

void concurrency_view(CM& m, ConcurrencyView&, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  draw_header(m, ctx, pal);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool tight = ctx.compact || avail.y < 360 * s;
  const bool side = !tight && avail.x >= 900 * s;  // batch results beside the diagram
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // Height under the diagram: recent rounds, legend, batch results.
  float below = line * (tight ? 1.0f : 2.0f);
  if (!side) below += m.batch().runs ? (tight ? line * 3 : std::fmin(200 * s, avail.y * 0.4f)) : line;
  float diag_h = avail.y - below;
  if (diag_h < 90 * s) diag_h = 90 * s;
  const float diag_w = side ? avail.x * 0.62f : avail.x;

  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + diag_w, a.y + diag_h);
  draw_diagram(m, ctx, pal, a, b);
  ctx.mark("area:diagram", a, b);
  ImGui::Dummy(ImVec2(diag_w, diag_h));
  if (side) {
    ImGui::SameLine();
    ImGui::BeginChild("batch", ImVec2(0, diag_h), 0, ImGuiWindowFlags_NavFlattened);
    ImGui::SeparatorText("1,000 runs");
    concurrency_batch(m, ctx, pal, diag_h);
    ImGui::EndChild();
    ctx.mark("area:batch");
  }
  draw_recent(m, ctx, pal);
  if (!tight) draw_legend(m, pal);
  if (!side) {
    ImGui::BeginGroup();
    concurrency_batch(m, ctx, pal, tight ? 0.0f : ImGui::GetContentRegionAvail().y);
    ImGui::EndGroup();
    ctx.mark("area:batch");
  }
}

ViewEntry concurrency_view_entry() { return view<CM, ConcurrencyView, concurrency_view>(concurrency_scene()); }

}  // namespace dsviz::ui
