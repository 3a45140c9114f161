// Every item ImGui lays out, for tests: imgui_core is built with
// IMGUI_ENABLE_TEST_ENGINE (private to it), whose hooks land here. Off unless
// a test sets a callback and the context's TestEngineHookItems; the app
// never does, so it costs a flag test per item.
#pragma once
#include "imgui.h"

struct ImRect;
struct ImGuiLastItemData;

namespace dsviz::ui {

struct ItemSeen {
  ImGuiID id;
  ImVec2 min, max;     // the item's box, screen pixels
  int item_flags;      // ImGuiItemFlags (disabled, no-nav, ...)
  bool has_data;       // false for items registered without ItemAdd
};
// Called for each item with an id, as it is added; nullptr: none.
using ItemAddHook = void (*)(const ItemSeen& item, void* user);
// Called with each item's label once the widget knows it.
using ItemInfoHook = void (*)(ImGuiID id, const char* label, void* user);
void set_item_hooks(ItemAddHook add, ItemInfoHook info, void* user);

}  // namespace dsviz::ui
