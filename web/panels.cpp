// Settings and metrics panels, generic over every scene's Model.
#include "panels.h"

#include <cmath>
#include <cstdio>

#include "format.h"
#include "parse.h"
#include "imgui.h"
#include "theme.h"

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

bool draw_settings(Model& m, SettingsState& st, bool compact) {
  const auto& params = m.params();
  st.errors.resize(params.size());
  bool changed_any = false;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    ImGui::PushID(int(i));
    // "service_ms" -> "Service": the slider shows the unit with the value.
    const std::string label = setting_label(p);
    double value = m.param(i);
    double wanted = value;
    bool changed = false;
    if (p.integer && p.min == 0 && p.max == 1) {
      bool on = value != 0;
      changed = ImGui::Checkbox(label.c_str(), &on);
      wanted = on ? 1 : 0;
    } else {
      ImGui::TextUnformatted(label.c_str());
      ImGui::SetNextItemWidth(-1);
      ImGuiSliderFlags flags = p.log_scale ? ImGuiSliderFlags_Logarithmic : 0;
      if (p.integer) {
        int v = int(std::lround(value));
        std::string fmt = slider_format("%d", p.unit);
        changed = ImGui::SliderInt("##v", &v, int(p.min), int(p.max), fmt.c_str(), flags);
        wanted = v;
      } else {
        float v = float(value);
        std::string fmt = slider_format(slider_number_format(p, value).c_str(), p.unit);
        changed = ImGui::SliderFloat("##v", &v, float(p.min), float(p.max), fmt.c_str(), flags | ImGuiSliderFlags_AlwaysClamp);
        // The float slider lands between decimals: take the value it shows.
        wanted = snap_to_display(p, v);
      }
    }
    if (!p.help.empty()) {
      ImGui::SetItemTooltip("%s (from %s to %s; Ctrl+click or double-click to type a value)", p.help.c_str(),
                            format_value(p.min, p.unit).c_str(), format_value(p.max, p.unit).c_str());
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
      ImGui::SetItemTooltip("%s", x.key.c_str());
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
