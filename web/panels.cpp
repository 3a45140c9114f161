// Settings and metrics panels, generic over every scene's Model.
#include "panels.h"

#include <cmath>
#include <cstdio>

#include "format.h"
#include "parse.h"
#include "imgui.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

std::string key_label(std::string_view key) {
  std::string s(key);
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

// Unit tokens as they end metric keys, and how the page prints them.
static const char* unit_text(std::string_view tok) {
  static const struct {
    const char* token;
    const char* shown;
  } kUnits[] = {
      {"ns", "ns"},         {"us", "\xC2\xB5s"},  {"ms", "ms"},       {"s", "s"},
      {"min", "min"},       {"h", "h"},           {"pct", "%"},       {"percent", "%"},
      {"ppm", "ppm"},       {"ratio", "ratio"},   {"x", "x"},         {"hz", "Hz"},
      {"bytes", "bytes"},   {"count", "count"},   {"nodes", "nodes"}, {"node", "node"},
      {"requests", "requests"}, {"req", "requests"}, {"msgs", "messages"}, {"messages", "messages"},
      {"events", "events"}, {"rps", "req/s"},     {"id", "id"},       {"index", "index"},
  };
  for (const auto& u : kUnits)
    if (tok == u.token) return u.shown;
  return nullptr;
}

MetricName split_metric_key(std::string_view key) {
  // Two-token rates first: "..._req_s" or "..._per_s".
  for (std::string_view tail : {"_req_s", "_per_s", "_msg_s"}) {
    if (key.size() > tail.size() && key.substr(key.size() - tail.size()) == tail) {
      const char* shown = tail == "_req_s" ? "req/s" : tail == "_per_s" ? "/s" : "messages/s";
      return {key_label(key.substr(0, key.size() - tail.size())), shown};
    }
  }
  size_t us = key.rfind('_');
  if (us != std::string_view::npos) {
    if (const char* shown = unit_text(key.substr(us + 1))) return {key_label(key.substr(0, us)), shown};
  }
  // A key without a unit token counts things: say so rather than print a
  // bare number.
  return {key_label(key), "count"};
}

std::string format_value(double v, std::string_view unit) { return fmt::value(v, unit); }

// ImGui slider formats are printf formats: a literal '%' in a unit must be doubled.
static std::string slider_format(const char* number, const std::string& unit) {
  std::string f = number;
  if (!unit.empty()) {
    f += ' ';
    for (char c : unit) {
      if (c == '%') f += '%';
      f += c;
    }
  }
  return f;
}

std::string setting_label(const Param& p) {
  if (!p.label.empty()) return p.label;
  std::string_view key = p.key;
  const size_t us = key.rfind('_');
  if (!p.unit.empty() && us != std::string_view::npos && unit_text(key.substr(us + 1))) key = key.substr(0, us);
  return key_label(key);
}

std::string slider_number_format(const Param& p, double v) {
  if (p.integer) return "%.0f";
  // Three significant digits, but never fewer decimals than the range's
  // small end needs (a 0.1 minimum must not print as 0).
  const double a = std::fabs(v);
  if (a >= 100) return "%.0f";
  if (a >= 10) return "%.1f";
  if (a >= 1) return "%.2f";
  if (a >= 0.1 || a == 0) return "%.3f";
  return "%.3g";
}

double snap_to_display(const Param& p, double v) {
  if (!std::isfinite(v)) v = p.def;
  v = std::fmin(p.max, std::fmax(p.min, v));
  if (p.integer) return std::fmin(p.max, std::fmax(p.min, std::round(v)));
  char buf[64];
  std::snprintf(buf, sizeof buf, slider_number_format(p, v).c_str(), v);
  double shown = v;
  if (!parse_number(buf, shown)) return v;
  // Rounding can step just outside the range (0.0999 -> "0.100" is fine,
  // 1000.4 -> "1000" too); clamp to the ends, which are exact already.
  return std::fmin(p.max, std::fmax(p.min, shown));
}

double setting_step(const Param& p, double v) {
  if (p.integer) return 1;
  const std::string f = slider_number_format(p, v);
  if (f == "%.0f") return 1;
  if (f == "%.1f") return 0.1;
  if (f == "%.2f") return 0.01;
  if (f == "%.3f") return 0.001;
  // "%.3g" below 0.1: the third significant digit.
  const double a = std::fabs(v);
  return a > 0 ? std::pow(10.0, std::floor(std::log10(a)) - 2) : 0.001;
}

double step_setting(const Param& p, double v, int dir) {
  // Going down from 10 (shown "10.0") the next value shows "9.99": step by
  // the finer of the two precisions so no shown value is skipped.
  double step = setting_step(p, v);
  if (dir < 0) {
    const double below = setting_step(p, v - step);
    if (below < step) step = below;
  }
  double next = snap_to_display(p, v + dir * step);
  // A value the display rounds back to itself: take one more step.
  if (next == v && v + dir * step >= p.min && v + dir * step <= p.max) next = snap_to_display(p, v + dir * 2 * step);
  return next;
}

// The help, the range and how to reach an exact value, for the last item.
static void setting_tip(const Param& p) {
  if (p.help.empty()) return;
  if (p.integer && p.min == 0 && p.max == 1) {
    tip("%s", p.help.c_str());
    return;
  }
  tip("%s (from %s to %s). - and + step by the last digit shown%s", p.help.c_str(), format_value(p.min, p.unit).c_str(),
      format_value(p.max, p.unit).c_str(),
      touch_input() ? "; a sideways drag moves the slider." : "; Ctrl+click or double-click the slider to type a value.");
}

// Where a slider's handle sits, 0..1 (-1 when the scale is not plain).
static float grab_fraction(const Param& p, double v) {
  if (p.max <= p.min) return -1;
  if (!p.log_scale) return float((v - p.min) / (p.max - p.min));
  if (p.min <= 0) return -1;  // ImGui's log scale with a zero end: unknown
  return float(std::log(v / p.min) / std::log(p.max / p.min));
}

// [-] slider [+]: the buttons step by the last digit shown (held down they
// repeat), so an exact value is a few taps away on a phone too.
static bool slider_with_steps(const Param& p, double value, double& wanted) {
  const float bw = ImGui::GetFrameHeight();
  const float sp = ImGui::GetStyle().ItemSpacing.x * 0.5f;
  bool changed = false;
  ImGui::PushButtonRepeat(true);
  ImGui::BeginDisabled(value <= p.min);
  if (ImGui::Button("-", ImVec2(bw, bw))) {
    wanted = step_setting(p, value, -1);
    changed = true;
  }
  ImGui::EndDisabled();
  ImGui::PopButtonRepeat();
  tip("Down by %s", format_value(setting_step(p, value), p.unit).c_str());
  ImGui::SameLine(0, sp);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - bw - sp);
  ImGuiSliderFlags flags = p.log_scale ? ImGuiSliderFlags_Logarithmic : 0;
  bool slid = false;
  double slid_to = value;
  if (p.integer) {
    int v = int(std::lround(value));
    std::string fmt = slider_format("%d", p.unit);
    slid = ImGui::SliderInt("##v", &v, int(p.min), int(p.max), fmt.c_str(), flags);
    slid_to = v;
  } else {
    float v = float(value);
    std::string fmt = slider_format(slider_number_format(p, value).c_str(), p.unit);
    slid = ImGui::SliderFloat("##v", &v, float(p.min), float(p.max), fmt.c_str(), flags | ImGuiSliderFlags_AlwaysClamp);
    // The float slider lands between decimals: take the value it shows.
    slid_to = snap_to_display(p, v);
  }
  setting_tip(p);
  if (touch_slider_gate(slid, grab_fraction(p, value))) {
    wanted = slid_to;
    changed = true;
  }
  ImGui::SameLine(0, sp);
  ImGui::PushButtonRepeat(true);
  ImGui::BeginDisabled(value >= p.max);
  if (ImGui::Button("+", ImVec2(bw, bw))) {
    wanted = step_setting(p, value, +1);
    changed = true;
  }
  ImGui::EndDisabled();
  ImGui::PopButtonRepeat();
  tip("Up by %s", format_value(setting_step(p, value), p.unit).c_str());
  return changed;
}

bool draw_settings(Model& m, SettingsState& st, bool compact) {
  const auto& params = m.params();
  st.errors.resize(params.size());
  bool changed_any = false;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    ImGui::PushID(int(i));
    ImGui::BeginGroup();
    // "service_ms" -> "Service": the slider shows the unit with the value.
    const std::string label = setting_label(p);
    double value = m.param(i);
    double wanted = value;
    bool changed = false;
    if (p.integer && p.min == 0 && p.max == 1) {
      bool on = value != 0;
      changed = ImGui::Checkbox(label.c_str(), &on);
      setting_tip(p);
      wanted = on ? 1 : 0;
    } else {
      ImGui::TextUnformatted(label.c_str());
      changed = slider_with_steps(p, value, wanted);
    }
    if (!p.help.empty()) {
      if (!compact) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::TextWrapped("%s", p.help.c_str());
        ImGui::PopStyleColor();
      }
    }
    if (changed && wanted != value) {
      std::string err;
      if (m.set(p.key, wanted, &err)) {
        st.errors[i].clear();
        changed_any = true;
      } else {
        st.errors[i] = err.empty() ? "Value rejected by the scene." : err;
      }
    }
    if (!st.errors[i].empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette().failed);
      ImGui::TextWrapped("%s", st.errors[i].c_str());
      ImGui::PopStyleColor();
    }
    ImGui::EndGroup();
    if (st.scroll_to == p.key) {
      ImGui::SetScrollHereY(0.3f);
      st.scroll_to.clear();
    }
    if (st.targets) st.targets->add_item("control:" + p.key);
    ImGui::PopID();
  }
  if (params.empty()) ImGui::TextDisabled("This scene has no settings.");
  return changed_any;
}

void draw_metrics(const Model& m, MetricsState& st) {
  // Fetched every frame: metrics are cheap summaries the model keeps.
  std::vector<Metric>& metrics = st.metrics;
  metrics.clear();
  m.metrics(metrics);
  if (metrics.empty()) {
    ImGui::TextDisabled("No figures yet.");
    return;
  }
  if (ImGui::BeginTable("metrics", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (const Metric& x : metrics) {
      MetricName n = split_metric_key(x.key);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(n.label.c_str());
      tip("%s", x.key.c_str());
      ImGui::TableNextColumn();
      std::string v = format_value(x.value, n.unit);
      // Right-aligned so digits line up.
      float w = ImGui::CalcTextSize(v.c_str()).x;
      float avail = ImGui::GetContentRegionAvail().x;
      if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
      ImGui::TextUnformatted(v.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace dsviz::ui
