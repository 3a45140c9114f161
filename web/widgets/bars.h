// Bars and small tables the scenes share: a bar split into shares, a fill
// gauge (load against capacity), a strip of coloured chips, and labelled
// horizontal bars comparing a few figures.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace dsviz::ui {

// One bar across the available width, split into shares (each 0..1).
void split_bar(const std::vector<float>& shares, const std::vector<ImU32>& colors, float height);
// A gauge at `p`, `w` x `h`: filled to `fraction` (over 1: alert colour).
void gauge(ImDrawList* dl, ImVec2 p, float w, float h, float fraction);
// Chips in a row, as many as fit: colour and an optional one-letter label.
struct Chip {
  ImU32 col;
  const char* label;
};
void chip_strip(const std::vector<Chip>& chips, float chip_w);
// Horizontal bars, one per row: name, bar scaled to `max_value`, value text.
struct BarRow {
  std::string name;
  double value;
  std::string text;
  ImU32 col;
};
void bar_rows(const char* id, const std::vector<BarRow>& rows, double max_value);
// Continues the line when `text` fits on it, else starts a new one.
void same_line_if_fits(const char* text);

}  // namespace dsviz::ui
