#include "bars.h"

#include <algorithm>

#include "draw.h"
#include "theme.h"

namespace dsviz::ui {

void split_bar(const std::vector<float>& shares, const std::vector<ImU32>& colors, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  float x = p.x;
  for (size_t i = 0; i < shares.size() && i < colors.size(); ++i) {
    const float x1 = x + w * std::clamp(shares[i], 0.0f, 1.0f);
    dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x1, p.y + h), colors[i]);
    x = x1;
  }
  ImGui::Dummy(ImVec2(w, h));
}

void gauge(ImDrawList* dl, ImVec2 p, float w, float h, float f) {
  const Palette& pal = palette();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), alpha(pal.muted, 0.35f), 2);
  if (f > 0) dl->AddRectFilled(p, ImVec2(p.x + w * std::min(1.0f, f), p.y + h), f > 1 ? pal.failed : pal.ok, 2);
}

void chip_strip(const std::vector<Chip>& chips, float chip_w) {
  if (chips.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const int fit = int(ImGui::GetContentRegionAvail().x / (chip_w + 2));
  const int n = std::min(int(chips.size()), fit);
  ImGui::PushFont(fonts().small);
  for (int i = 0; i < n; ++i) {
    const Chip& c = chips[chips.size() - size_t(n) + size_t(i)];
    const float x = p.x + float(i) * (chip_w + 2);
    dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + chip_w, p.y + h), c.col, 2);
    if (c.label) {
      const ImVec2 ts = ImGui::CalcTextSize(c.label);
      dl->AddText(ImVec2(x + (chip_w - ts.x) * 0.5f, p.y + (h - ts.y) * 0.5f), palette().panel, c.label);
    }
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(std::max(1.0f, float(n) * (chip_w + 2)), h));
}

void bar_rows(const char* id, const std::vector<BarRow>& rows, double max_value) {
  if (rows.empty()) return;
  if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed);
  const float h = ImGui::GetTextLineHeight();
  for (const BarRow& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.name.c_str());
    ImGui::TableNextColumn();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float f = max_value > 0 ? float(std::clamp(r.value / max_value, 0.0, 1.0)) : 0.0f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f), ImVec2(p.x + w * f, p.y + h * 0.85f), r.col, 2);
    ImGui::Dummy(ImVec2(w, h));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.text.c_str());
  }
  ImGui::EndTable();
}

void same_line_if_fits(const char* text) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x) ImGui::NewLine();
}

}  // namespace dsviz::ui
