// Transport controls and the frame-to-virtual-time step.
#include "transport.h"

#include <cinttypes>
#include <cstdio>

#include "imgui.h"
#include "options.h"
#include "theme.h"
#include "vtime.h"

namespace dsviz::ui {

void advance(Model& m, Transport& t, double dt_s) {
  t.behind = false;
  if (m.replaying()) {  // a timeline drag: finish it, a slice per frame
    t.replay_fraction = m.replay_step(kMaxEventsPerFrame).fraction;
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
  ImGui::SetItemTooltip(t.playing ? "Pause virtual time" : "Let virtual time run");
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(bw, 0))) {
    t.playing = false;
    t.step_empty = !m.step();
  }
  ImGui::SetItemTooltip("Pause and run exactly one event");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(bw, 0))) reset = true;
  ImGui::SetItemTooltip("Start the run again from time zero with the same seed and settings");
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
  ImGui::SliderFloat("##speed", &t.speed, kMinSpeed, kMaxSpeed, label,
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp);
  ImGui::SetItemTooltip("Speed: virtual seconds per real second (0.01x to 1000x)");
  return reset;
}

bool draw_seed(Transport& t) {
  bool changed = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Seed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("18446744073709551615").x * 0.6f + 24.0f);
  ImGui::InputText("##seed", t.seed_text, sizeof t.seed_text, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SetItemTooltip("Same seed, same settings: the same run, in every build");
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

bool draw_timeline(Model& m, Transport& t) {
  if (m.now() > t.furthest) t.furthest = m.now();
  const Time end = t.furthest > 0 ? t.furthest : 1;
  float frac = float(double(m.now()) / double(end));
  bool rewound = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Time");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  // No '%' in the label: ImGui prints it as is.
  const std::string label = format_duration(m.now()) + " of " + format_duration(t.furthest);
  if (ImGui::SliderFloat("##timeline", &frac, 0.0f, 1.0f, label.c_str(),
                         ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp)) {
    t.playing = false;
    const Time target = Time(double(end) * double(frac));
    rewound = target < m.now();
    m.replay_begin(target);
    t.replay_fraction = m.replay_step(kMaxEventsPerFrame).fraction;
  }
  ImGui::SetItemTooltip("Drag back to replay this run from its start up to that moment, with your clicks and setting "
                        "changes where you made them; they happen again as you play on, until you change something.");
  return rewound;
}

void draw_clock(const Model& m, const Transport& t) {
  ImGui::AlignTextToFramePadding();
  ImGui::Text("t = %s", format_duration(m.now()).c_str());
  ImGui::SetItemTooltip("Virtual time since the start of this run");
  ImGui::SameLine();
  ImGui::TextDisabled("%" PRIu64 " events", m.events());
  if (m.replaying()) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().warning), "(replaying: %.0f %%)", 100.0 * t.replay_fraction);
    ImGui::SetItemTooltip("Rebuilding the run from its start up to the moment you picked, a slice per frame.");
  } else if (t.behind) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().warning), "(lagging: %" PRIu64 " events/frame cap)",
                       kMaxEventsPerFrame);
    ImGui::SetItemTooltip("This speed needs more events per frame than the page can run smoothly; virtual time runs slower than asked.");
  } else if (t.step_empty && !t.playing) {
    ImGui::SameLine();
    ImGui::TextDisabled("(no pending event)");
  }
}

}  // namespace dsviz::ui
