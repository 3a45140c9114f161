// The test-engine hooks ImGui calls when built with IMGUI_ENABLE_TEST_ENGINE.
#include "imgui_item_hook.h"

#include "imgui_internal.h"

namespace dsviz::ui {
namespace {
ItemAddHook g_add = nullptr;
ItemInfoHook g_info = nullptr;
void* g_user = nullptr;
}  // namespace

void set_item_hooks(ItemAddHook add, ItemInfoHook info, void* user) {
  g_add = add;
  g_info = info;
  g_user = user;
  if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = add != nullptr || info != nullptr;
}

}  // namespace dsviz::ui

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
  using namespace dsviz::ui;
  if (!g_add) return;
  ItemSeen s{id, bb.Min, bb.Max, data ? int(data->InFlags) : 0, data != nullptr};
  g_add(s, g_user);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  using namespace dsviz::ui;
  if (g_info) g_info(id, label, g_user);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
