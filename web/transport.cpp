// Transport controls and the frame-to-virtual-time step.
#include "transport.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "format.h"
#include "imgui.h"
#include "touch.h"
#include "options.h"
#include "theme.h"
#include "vtime.h"

namespace dsviz::ui {

void advance(Model& m, Transport& t, double dt_s) {
  t.behind = false;
  t.frame_replay_events = 0;
  t.frame_replay_cap = t.replay_budget.events();  // a slice below may change it
  if (m.replaying()) {  // a timeline drag: finish it, a slice per frame
    t.replay_budget.run([&](uint64_t n) {
      const uint64_t e0 = m.events();
      t.replay_fraction = m.replay_step(n).fraction;
      t.frame_replay_events += m.events() - e0;
      return !m.replaying();
    });
    return;
  }
  if (t.back_to_events != kNoEventTarget) {  // "previous event": run up to it again
    t.replay_budget.run([&](uint64_t n) {
      const uint64_t e0 = m.events();
      while (m.events() < t.back_to_events && n-- > 0)
        if (!m.step()) break;
      t.frame_replay_events += m.events() - e0;
      if (m.events() >= t.back_to_events || m.sim().next_time() == kTimeMax) {
        t.back_to_events = kNoEventTarget;
        return true;
      }
      t.replay_fraction = double(m.events()) / double(t.back_to_events);
      return false;
    });
    return;
  }
  if (!t.playing || dt_s <= 0) return;
  Time target = m.now() + from_s(dt_s * double(t.speed));
  // Step event by event so the cap can end the frame early; run_until then
  // moves the clock over the quiet stretch up to the target.
  uint64_t budget = kMaxEventsPerFrame;
  while (m.sim().next_time() <= target) {
    if (budget-- == 0) {
      t.behind = true;
      return;
    }
    m.step();
  }
  m.run_until(target);
}

// "0.01", "0.25", "2.5", "40", "1000": three significant digits at most.
static void format_speed(char* buf, size_t n, float s) {
  if (s < 0.1f) std::snprintf(buf, n, "%.3fx", s);
  else if (s < 10.0f) std::snprintf(buf, n, "%.2fx", s);
  else if (s < 100.0f) std::snprintf(buf, n, "%.1fx", s);
  else std::snprintf(buf, n, "%.0fx", s);
}

bool draw_transport(Model& m, Transport& t, bool compact) {
  bool reset = false;
  const float bw = compact ? 0.0f : 70.0f;  // same-width buttons when there is room
  if (ImGui::Button(t.playing ? "Pause" : "Play", ImVec2(bw, 0))) t.playing = !t.playing;
  tip(t.playing ? "Pause virtual time" : "Let virtual time run");
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(bw, 0))) {
    t.playing = false;
    t.step_empty = !m.step();
  }
  tip("Pause and run exactly one event");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(bw, 0))) reset = true;
  tip("Start the run again from time zero with the same seed and settings");
  ImGui::SameLine();

  char label[32];
  format_speed(label, sizeof label, t.speed);
  if (!compact) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
  }
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(compact ? (w > 60 ? w : 60) : (w > 360 ? 220.0f : (w > 120 ? w * 0.6f : w)));
  // The label has no '%', so ImGui shows it as is (format strings only
  // print the value when they contain a conversion).
  const float speed_before = t.speed;
  const bool slid = ImGui::SliderFloat("##speed", &t.speed, kMinSpeed, kMaxSpeed, label,
                                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp);
  // On touch a vertical swipe over the slider scrolls the page instead.
  const float grab = float(std::log(double(speed_before) / kMinSpeed) / std::log(double(kMaxSpeed) / kMinSpeed));
  if (slid && !touch_slider_gate(slid, grab)) t.speed = speed_before;
  else if (!slid) touch_slider_gate(false, grab);
  tip("Speed: virtual seconds per real second (0.01x to 1000x)");
  return reset;
}

bool draw_seed(Transport& t) {
  bool changed = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Seed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("18446744073709551615").x * 0.6f + 24.0f);
  ImGui::InputText("##seed", t.seed_text, sizeof t.seed_text, ImGuiInputTextFlags_CharsDecimal);
  tip("Same seed, same settings: the same run, in every build");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    uint64_t v = 0;
    if (parse_seed(t.seed_text, v)) {
      t.seed = v;
      t.seed_error.clear();
      changed = true;
    } else {
      t.seed_error = "The seed must be a whole number from 0 to 18446744073709551615; keeping " +
                     std::to_string(t.seed) + ".";
    }
  }
  if (!t.seed_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().failed);
    ImGui::TextWrapped("%s", t.seed_error.c_str());
    ImGui::PopStyleColor();
  }
  return changed;
}

void timeline_window(const Model& m, const Transport& t, Time& lo, Time& hi) {
  const Time end = t.furthest > m.now() ? t.furthest : m.now();
  if (t.zoom <= 1 || end <= 0) {
    lo = 0;
    hi = end > 0 ? end : 1;
    return;
  }
  Time span = Time(double(end) / t.zoom);
  if (span < 1) span = 1;
  lo = t.view_lo;
  if (lo > end - span) lo = end - span;
  if (lo < 0) lo = 0;
  hi = lo + span;
}

// Centres the zoomed window on the playhead (kept inside the run).
static void centre_on_playhead(const Model& m, Transport& t) {
  const Time end = t.furthest > m.now() ? t.furthest : m.now();
  const Time span = Time(double(end) / t.zoom);
  Time lo = m.now() - span / 2;
  if (lo > end - span) lo = end - span;
  t.view_lo = lo < 0 ? 0 : lo;
}

void zoom_timeline(const Model& m, Transport& t, double factor) {
  t.zoom *= factor;
  if (t.zoom < 1) t.zoom = 1;
  if (t.zoom > kMaxTimelineZoom) t.zoom = kMaxTimelineZoom;
  centre_on_playhead(m, t);
}

bool previous_event(Model& m, Transport& t) {
  // Pressed again before the last one finished: one more back.
  const uint64_t n = t.back_to_events != kNoEventTarget ? t.back_to_events : m.events();
  // At time zero there is nothing to rebuild from (the run starts here).
  if (n == 0 || (m.now() == 0 && t.back_to_events == kNoEventTarget)) return false;
  t.playing = false;
  t.step_empty = false;
  t.back_to_events = n - 1;
  m.replay_begin(0);  // rewinds; advance() runs the events back up to n - 1
  return true;
}

bool draw_timeline(Model& m, Transport& t) {
  if (m.now() > t.furthest) t.furthest = m.now();
  bool rewound = false;
  ImGuiIO& io = ImGui::GetIO();
  const float bw = ImGui::GetFrameHeight();
  auto buttons = [&] {
    if (ImGui::Button("<", ImVec2(bw, 0))) rewound |= previous_event(m, t);
    tip("Back to the event before the last one (key ,)");
    ImGui::SameLine(0, 4);
    if (ImGui::Button(">", ImVec2(bw, 0))) {
      t.playing = false;
      t.step_empty = !m.step();
    }
    tip("Run exactly the next event (key .)");
    ImGui::SameLine(0, 12);
    ImGui::BeginDisabled(t.zoom <= 1);
    if (ImGui::Button("-", ImVec2(bw, 0))) zoom_timeline(m, t, 0.5);
    ImGui::EndDisabled();
    tip("Zoom the timeline out");
    ImGui::SameLine(0, 4);
    ImGui::BeginDisabled(t.zoom >= kMaxTimelineZoom);
    if (ImGui::Button("+", ImVec2(bw, 0))) zoom_timeline(m, t, 2);
    ImGui::EndDisabled();
    tip("Zoom the timeline in around the playhead (or turn the wheel over it)");
  };
  // Room for buttons and a useful bar on one line, else the bar gets its own.
  const bool one_line = ImGui::GetContentRegionAvail().x >= 560.0f;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Time");
  ImGui::SameLine();
  if (one_line) {
    buttons();
    ImGui::SameLine(0, 12);
  }
  // While zoomed, the playhead leaving the window (playing on) moves it.
  Time lo = 0, hi = 1;
  timeline_window(m, t, lo, hi);
  if (t.zoom > 1 && !m.replaying() && (m.now() < lo || m.now() > hi)) {
    centre_on_playhead(m, t);
    timeline_window(m, t, lo, hi);
  }
  float frac = float(double(m.now() - lo) / double(hi - lo));
  ImGui::SetNextItemWidth(-1);
  // No '%' in the label: ImGui prints it as is.
  std::string label = format_duration(m.now()) + " of " + format_duration(t.furthest);
  if (t.zoom > 1) {
    char z[32];
    std::snprintf(z, sizeof z, "  (zoom %.0fx)", t.zoom);
    label += z;
  }
  const bool slid = ImGui::SliderFloat("##timeline", &frac, 0.0f, 1.0f, label.c_str(),
                                       ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp);
  if (touch_slider_gate(slid, float(double(m.now() - lo) / double(hi - lo)))) {
    t.playing = false;
    t.back_to_events = kNoEventTarget;
    const Time target = lo + Time(double(hi - lo) * double(frac));
    rewound = target < m.now();
    m.replay_begin(target);
    // What is left of this frame's replay budget after advance()'s slice
    // (the drag moved on from the target that slice was for).
    const uint64_t budget = t.frame_replay_cap;
    const uint64_t e0 = m.events();
    if (t.frame_replay_events == 0) {
      t.replay_budget.run([&](uint64_t n) {
        t.replay_fraction = m.replay_step(n).fraction;
        return !m.replaying();
      });
    } else if (t.frame_replay_events < budget) {
      t.replay_fraction = m.replay_step(budget - t.frame_replay_events).fraction;
    }  // else advance() used the frame up; the next one goes on
    t.frame_replay_events += m.events() - e0;
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    // The wheel zooms here; the panel behind does not scroll.
    zoom_timeline(m, t, io.MouseWheel > 0 ? 2.0 : 0.5);
  }
  take_wheel();
  if (t.zoom > 1) {
    tip("Drag to replay this run up to that moment. Zoomed %.0fx: the bar covers %s to %s; the wheel or - and + "
        "zoom around the playhead.",
        t.zoom, format_duration(lo).c_str(), format_duration(hi).c_str());
  } else {
    tip("Drag back to replay this run from its start up to that moment, with your clicks and setting changes where you "
        "made them; they happen again as you play on, until you change something. The wheel or + zooms in.");
  }
  if (!one_line) buttons();
  if (!io.WantTextInput && !ImGui::IsAnyItemActive()) {
    if (ImGui::IsKeyPressed(ImGuiKey_Comma)) rewound |= previous_event(m, t);
  }
  return rewound;
}

void draw_clock(const Model& m, const Transport& t) {
  ImGui::AlignTextToFramePadding();
  ImGui::Text("t = %s", format_duration(m.now()).c_str());
  tip("Virtual time since the start of this run");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", fmt::count(m.events(), "event", "events").c_str());
  if (m.replaying() || t.back_to_events != kNoEventTarget) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().warning), "(replaying: %.0f %%)", 100.0 * t.replay_fraction);
    tip("Rebuilding the run from its start up to the moment you picked, a slice per frame.");
  } else if (t.behind) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().warning), "(lagging: %" PRIu64 " events/frame cap)",
                       kMaxEventsPerFrame);
    tip("This speed needs more events per frame than the page can run smoothly; virtual time runs slower than asked.");
  } else if (t.step_empty && !t.playing) {
    ImGui::SameLine();
    ImGui::TextDisabled("(no pending event)");
  }
}

}  // namespace dsviz::ui
