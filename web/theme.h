// Fonts and colours: the embedded Liberation Sans rasterised at the screen's
// pixel density, the light and dark ImGui styles, and a small palette the
// scene views draw with so both themes stay readable.
#pragma once
#include "imgui.h"

namespace dsviz::ui {

struct Fonts {
  ImFont* body = nullptr;   // 16 px
  ImFont* title = nullptr;  // 22 px, scene titles
  ImFont* small = nullptr;  // 13 px, labels inside diagrams
};

// Rebuilds the font atlas for `density` device pixels per logical pixel
// (devicePixelRatio), so text stays sharp on a retina screen. Sizes stay in
// logical pixels. The renderer must re-upload the atlas texture afterwards.
void load_fonts(float density);
const Fonts& fonts();

// The theme's vertical frame padding (a mouse); touch makes it taller
// (widgets/touch.h).
constexpr float kFramePadY = 5.0f;

void apply_theme(bool dark);
// Presenter mode's theme: white on black with strong outlines, for
// projectors. While on, apply_theme() applies it whatever `dark` says.
void set_high_contrast(bool on);
bool high_contrast();
// Presenter mode's sizes: apply_theme() scales padding, spacing and
// rounding by this (the platform rasterises the fonts at it, and the app
// sets ImGui's FontGlobalScale to it).
void set_ui_scale(float scale);
// WCAG 2 contrast ratio of two opaque colours, from 1 to 21 (normal text
// wants at least 4.5).
float contrast_ratio(ImVec4 a, ImVec4 b);

// Colours for diagrams, per theme (the high-contrast one while it is on).
struct Palette {
  ImU32 text, muted, link, node, node_border, node_down, dependency;
  ImU32 message, reply, hidden, failed, ok, warning, panel;  // hidden: calls to the unseen service
};
const Palette& palette(bool dark);
// The palette of the theme applied last.
const Palette& palette();

}  // namespace dsviz::ui
