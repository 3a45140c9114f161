// Scene "unity" (chapter: Definition). Left, what users see: one system, a
// send button, the request rate and each response. Right, reality: the
// servers in a ring as in the chapter's diagram, the hidden auth service
// they all call, and every message as a dot moving along its link. Clicking a
// machine crashes or restarts it. Every figure comes from UnityModel.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "detmath.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "machine.h"
#include "scenes/unity.h"
#include "theme.h"
#include "views.h"
#include "touch.h"
#include "unity_parts.h"

namespace dsviz::ui {

// What the reader chose in this view (not simulation state).
struct UnityView {
  bool reveal = true;      // show the machines behind the single system
  std::string rate_error;  // the last refused rate, under the slider
};

namespace {

using namespace unity_parts;

std::string ms_text(double ns) { return fmt::duration(Time(std::llround(ns))); }

//-----------------------------------------------------------------------------
// What users see
//-----------------------------------------------------------------------------

void draw_system_box(const UnityModel& m, const Palette& pal, bool compact) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  float h = (compact ? 44.0f : 64.0f) * ImGui::GetFontSize() / 16.0f;  // taller with presenter mode's text
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), pal.node, 8.0f);
  dl->AddRect(p, ImVec2(p.x + w, p.y + h), pal.node_border, 8.0f, 0, 2.0f);
  // The light shows how the last response went: all a user can know.
  ImU32 light = m.outcomes().empty() ? pal.muted : (m.last_ok() ? pal.ok : pal.failed);
  float r = compact ? 6.0f : 8.0f;
  dl->AddCircleFilled(ImVec2(p.x + w - 14 - r, p.y + 14 + r * 0.5f), r, light);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 10, p.y + 6));
  ImGui::PushStyleColor(ImGuiCol_Text, pal.text);
  ImGui::TextUnformatted("shop.example");
  ImGui::PopStyleColor();
  if (!compact) {
    ImGui::SetCursorScreenPos(ImVec2(p.x + 10, ImGui::GetCursorScreenPos().y));
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::TextUnformatted("one system, as far as you can tell");
    ImGui::PopStyleColor();
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + ImGui::GetStyle().ItemSpacing.y));
}

void draw_rate(UnityModel& m, UnityView& v, bool compact) {
  const Param& p = m.params()[UnityModel::kRate];
  // Whole requests per second: the value shown is the value the model uses.
  int rate = int(std::lround(m.get(UnityModel::kRate)));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##rate", &rate, int(p.min), int(p.max), compact ? "%d req/s" : "%d req/s steady")) {
    std::string err;
    v.rate_error = m.set(UnityModel::kRate, rate, &err) ? std::string() : err;
  }
  tip("Requests per second sent on their own (a Poisson stream)");
  if (!v.rate_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().failed);
    ImGui::TextWrapped("%s", v.rate_error.c_str());
    ImGui::PopStyleColor();
  }
}

// max_rows 0: as many responses as fit the height left.
void draw_user_side(UnityModel& m, UnityView& v, const ViewContext& ctx, const Palette& pal, int max_rows) {
  ImGui::SeparatorText("What users see");
  draw_system_box(m, pal, ctx.compact);
  if (ImGui::Button("Send request")) m.send_request();
  tip("Send one request to shop.example now");
  char waiting[48];
  std::snprintf(waiting, sizeof waiting, "%" PRIu64 " waiting", m.in_progress());
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(waiting).x) {
    ImGui::TextDisabled("%s", waiting);
  } else {
    ImGui::NewLine();
  }
  draw_rate(m, v, ctx.compact);

  // Figures a user could measure from outside.
  const Histogram& lat = m.latency();
  ImGui::Text("Served %" PRIu64 ", failed %" PRIu64, m.served(), m.failed());
  if (lat.count() > 0) {
    ImGui::Text("Latency p50 %s, p99 %s", ms_text(lat.quantile(0.5)).c_str(), ms_text(lat.quantile(0.99)).c_str());
  } else {
    ImGui::TextDisabled("Latency: no response yet");
  }

  // Each response, newest first, as many as fit.
  const auto& out = m.outcomes();
  float line = ImGui::GetTextLineHeightWithSpacing();
  int rows = max_rows > 0 ? max_rows : int(ImGui::GetContentRegionAvail().y / line) - 1;
  if (rows < 2) rows = 2;
  if (rows > 12) rows = 12;
  if (!out.empty()) ImGui::TextDisabled("Responses (newest first)");
  for (int i = 0; i < rows && size_t(i) < out.size(); ++i) {
    const auto& o = out[out.size() - 1 - size_t(i)];
    ImGui::PushStyleColor(ImGuiCol_Text, o.ok ? pal.ok : pal.failed);
    ImGui::Text("%s %s", o.ok ? "OK    " : "failed", ms_text(double(o.latency)).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("at t = %s", fmt::duration(o.t).c_str());
  }
}

//-----------------------------------------------------------------------------
// Reality
//-----------------------------------------------------------------------------

void draw_reality(UnityModel& m, UnityView& v, const ViewContext& ctx, const Palette& pal) {
  // Compact: the toggle is the heading, to leave the diagram its height.
  if (!ctx.compact) ImGui::SeparatorText("Reality");
  ImGui::Checkbox("Reveal reality", &v.reveal);
  tip("Show or hide the machines behind the single system");
  if (!v.reveal) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::TextWrapped("Hidden. To its users shop.example is one computer; tick 'Reveal reality' to see what answers them.");
    ImGui::PopStyleColor();
    return;
  }
  const uint32_t n = m.servers();
  const int last = m.last_served_by();
  char served[48];
  if (last >= 0)
    std::snprintf(served, sizeof served, "Last served by Node %d", last + 1);
  else
    std::snprintf(served, sizeof served, "None served yet");
  // Compact: beside the toggle when it fits (a phone in presenter mode's
  // large text has no room: it went past the right edge), else below it.
  if (ctx.compact && ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(served).x <=
                         ImGui::GetContentRegionAvail().x)
    ImGui::SameLine();
  if (last >= 0)
    ImGui::TextUnformatted(served);
  else
    ImGui::TextDisabled("%s", served);
  if (!ctx.compact) {
    ImGui::SameLine();
    ImGui::TextDisabled("- %" PRIu64 " messages in flight", m.cluster().in_flight());
  }

  ImVec2 a = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float legend_h = ctx.compact ? 0.0f : ImGui::GetTextLineHeightWithSpacing();
  ImVec2 b(a.x + avail.x, a.y + std::fmax(avail.y - legend_h, 80.0f));
  RingLayout L = layout_ring(m, a, b);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a, b, true);

  // Links: the ring of the chapter's diagram, and faint spokes to the hidden
  // service every server depends on.
  for (uint32_t i = 0; i < n && n > 1; ++i) {
    uint32_t j = (i + 1) % n;
    if (n == 2 && i == 1) break;  // two servers share one link
    dl->AddLine(L.pos[i], L.pos[j], pal.link, 2.0f);
  }
  for (uint32_t i = 0; i < n; ++i) dl->AddLine(L.pos[i], L.pos[m.dependency_node()], alpha(pal.link, 0.31f), 1.0f);
  draw_user_marker(dl, L.pos[m.user_node()], pal);

  // Messages in flight, placed by how much of their delay has passed.
  const Time now = m.now();
  const auto& trace = m.cluster().trace;
  float dot = std::fmax(3.0f, std::fmin(5.0f, L.node_r * 0.3f));
  for (size_t i = 0; i < trace.size(); ++i) {
    const MessageRecord& r = trace[i];
    if (r.lost || r.delivered() || r.due_true < now || r.to >= L.pos.size() || r.from >= L.pos.size()) continue;
    Time span = r.due_true - r.send_true;
    float f = span > 0 ? float(double(now - r.send_true) / double(span)) : 1.0f;
    f = std::fmin(1.0f, std::fmax(0.0f, f));
    ImVec2 p0 = L.pos[r.from], p1 = L.pos[r.to];
    if (ctx.reduced_motion) {
      // Less motion: the link lights up while a message is on it, pointing
      // at its receiver, and goes dark when it arrives.
      dl->AddLine(p0, p1, alpha(message_color(r.kind, pal), 0.8f), 3.0f);
      const ImVec2 d(p1.x - p0.x, p1.y - p0.y);
      const float len = std::sqrt(d.x * d.x + d.y * d.y);
      if (len > 2 * L.node_r) {
        const float k = (len - L.node_r) / len;
        arrow_head(dl, p0, ImVec2(p0.x + d.x * k, p0.y + d.y * k), message_color(r.kind, pal), 9.0f);
      }
      continue;
    }
    ImVec2 p(p0.x + (p1.x - p0.x) * f, p0.y + (p1.y - p0.y) * f);
    dl->AddCircleFilled(p, dot, message_color(r.kind, pal), 8);  // 8 segments: thousands of dots stay cheap
  }
  dl->PopClipRect();

  // Captions ("Node 3 (down)") need room between the machines.
  bool captions = n <= 12 && L.node_r >= 10 && L.ring_r >= 90;
  for (uint32_t i = 0; i <= m.dependency_node(); ++i) {
    draw_node(m, i, L, captions);
    // Tour targets: a server's circle, the dependency's box (2.8 r wide).
    const float hw = i == m.dependency_node() ? 1.4f * L.node_r : L.node_r;
    const ImVec2 c = L.pos[i];
    ctx.mark(i == m.dependency_node() ? std::string("node:auth") : "node:" + std::to_string(i),
             ImVec2(c.x - hw, c.y - L.node_r), ImVec2(c.x + hw, c.y + L.node_r));
  }

  // Claim the diagram's area for the layout, then the legend under it.
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(avail.x, b.y - a.y));
  if (!ctx.compact) {
    struct {
      uint32_t kind;
      const char* text;
    } items[] = {{UnityModel::kRequest, "request"},
                 {UnityModel::kResponse, "response"},
                 {UnityModel::kAuthCall, "auth check"},
                 {UnityModel::kPeerCall, "call to a peer"}};
    for (const auto& it : items) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      float h = ImGui::GetTextLineHeight();
      dl->AddCircleFilled(ImVec2(p.x + 5, p.y + h * 0.5f), 4, message_color(it.kind, pal));
      ImGui::Dummy(ImVec2(12, h));
      ImGui::SameLine(0, 2);
      ImGui::TextDisabled("%s", it.text);
      ImGui::SameLine(0, 14);
    }
    const char* hint = touch_input() ? "Tap a machine to crash or restart it." : "Click a machine to crash or restart it.";
    // Only when it fits: each machine's tooltip says the same.
    if (ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(hint).x) ImGui::TextDisabled("%s", hint);
    else ImGui::NewLine();
  }
}

}  // namespace

void unity_view(UnityModel& m, UnityView& v, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  ImVec2 avail = ImGui::GetContentRegionAvail();
  // Side by side when wide (or short and wide, as in a small embed),
  // stacked on a phone held upright.
  bool side = avail.x >= 560.0f || avail.x >= 1.3f * avail.y;
  if (side) {
    float lw = std::fmax(150.0f * ctx.scale, std::fmin(340.0f * ctx.scale, avail.x * 0.36f));
    ImGui::BeginChild("users", ImVec2(lw, avail.y), 0, ImGuiWindowFlags_NavFlattened);
    draw_user_side(m, v, ctx, pal, 0);
    ImGui::EndChild();
    ctx.mark("area:users");
    ImGui::SameLine();
    ImGui::BeginChild("reality", ImVec2(0, avail.y), 0, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    draw_reality(m, v, ctx, pal);
    ImGui::EndChild();
    ctx.mark("area:reality");
  } else {
    ImGui::BeginChild("users", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY, ImGuiWindowFlags_NavFlattened);
    draw_user_side(m, v, ctx, pal, 4);
    ImGui::EndChild();
    ctx.mark("area:users");
    float h = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("reality", ImVec2(0, h > 260.0f ? h : 260.0f), 0,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    draw_reality(m, v, ctx, pal);
    ImGui::EndChild();
    ctx.mark("area:reality");
  }
}

ViewEntry unity_view_entry() { return view<UnityModel, UnityView, unity_view>(unity_scene()); }

}  // namespace dsviz::ui
