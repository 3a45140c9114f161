// [SECTION] Scene switching and the frame
// [SECTION] Page layout (sidebar, header, body)
// [SECTION] Embed layout
// [SECTION] Presenter mode and keyboard navigation
#include "app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "backdrop.h"
#include "format.h"
#include "imgui.h"
#include "imgui_internal.h"  // key ownership and the keyboard focus (keyboard navigation)
#include "link.h"
#include "link.h"
#include "scroll.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

// Below this width the sidebar turns into a combo and panels stack.
constexpr float kNarrowWidth = 760.0f;
constexpr float kSidebarWidth = 230.0f;
constexpr float kSidePanelWidth = 310.0f;
// An embedded view smaller than this is not drawn (its labels would overlap).
constexpr ImVec2 kMinEmbedView(240.0f, 120.0f);
constexpr const char* kChapter = "Chapter 1: What is a distributed system?";

//-----------------------------------------------------------------------------
// [SECTION] Scene switching and the frame
//-----------------------------------------------------------------------------

// Ids come from URLs: keep what a notice quotes short and printable.
static std::string quote_id(std::string_view id) {
  std::string s;
  for (char c : id.substr(0, 40)) s += (c >= 32 && c < 127) ? c : '?';
  if (id.size() > 40) s += "...";
  return s;
}

App::App(const LaunchOptions& opt) : embed_(opt.embed), dark_(opt.dark) {
  // Every control is reachable with Tab (README, Keys).
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  present_ = opt.present && !opt.embed;
  reduced_motion_ = opt.reduced_motion;
  set_high_contrast(present_);
  ui_scale_ = font_scale();
  set_ui_scale(ui_scale_);
  transport_.seed = opt.seed;
  std::snprintf(transport_.seed_text, sizeof transport_.seed_text, "%llu", (unsigned long long)opt.seed);
  for (const auto& n : opt.notices) add_notice(n);
  apply_theme(dark_);
  open_scene(opt.scene.empty() ? std::string_view(scenes().front().id) : std::string_view(opt.scene));
  // Embedded, the host page decides: a tour starts with ?tour= only.
  if (embed_) tour_.withdraw_offer();
  apply_settings(opt);
  // A deep link with settings goes straight to the run it describes.
  if (!opt.settings.empty() || !opt.inputs.empty()) tour_.withdraw_offer();
  if (!opt.tour.empty() && opt.tour == info_->id) {
    if (!tour_.find(info_->id)) {
      add_notice("Scene '" + std::string(info_->id) + "' has no tour.");
    } else {
      const size_t n = tour_.find(info_->id)->steps.size();
      if (opt.tour_step > n)
        add_notice("The tour of '" + std::string(info_->title) + "' has " + std::to_string(n) + " steps: showing step " +
                   std::to_string(n) + ".");
      tour_.start(*model_, size_t(std::min<uint64_t>(opt.tour_step, n)) - 1);
      tour_moved();
    }
  }
  tour_actions_ = tour_.actions();
}

bool App::next_step() {
  if (!tour_.active()) return false;
  const bool moved = tour_.next_step(*model_);
  tour_moved();
  return moved;
}

bool App::prev_step() {
  if (!tour_.active()) return false;
  const bool moved = tour_.prev_step(*model_);
  tour_moved();
  return moved;
}

void App::tour_moved() {
  // Back and ?tour=&step= rebuild the run from the tour's seed.
  if (transport_.seed != model_->seed()) {
    transport_.seed = model_->seed();
    std::snprintf(transport_.seed_text, sizeof transport_.seed_text, "%llu", (unsigned long long)transport_.seed);
  }
  rewind_expected_ = true;
  link_changed_ = true;
  transport_.playing = true;
  transport_.step_empty = false;
  if (model_->now() < transport_.furthest) transport_.furthest = model_->now();
  tour_actions_ = tour_.actions();
}

void App::apply_settings(const LaunchOptions& opt) {
  if (opt.settings.empty() && opt.inputs.empty()) return;
  for (const auto& [key, text] : opt.settings) {
    if (std::isnan(model_->get(key))) {
      // A URL carries the host page's keys too: only a --set typo is news.
      if (!opt.settings_from_url) {
        std::string keys;
        for (const auto& p : model_->params()) keys += (keys.empty() ? "" : ", ") + p.key;
        add_notice("Scene '" + std::string(info_->id) + "' has no setting '" + quote_id(key) + "' (settings: " + keys + ").");
      }
      continue;
    }
    double v;
    std::string err;
    if (!parse_number(text, v)) {
      add_notice("Setting '" + key + "' wants a number, got '" + quote_id(text) + "': using its default.");
    } else if (!model_->set(key, v, &err)) {
      add_notice("Setting " + err + ": using its default.");
    }
  }
  // Settings that apply live still belong to the run from its start.
  reset_model();
  // A link's clicks and live changes happen again as the run reaches them.
  if (!opt.inputs.empty()) model_->load_inputs(opt.inputs);
}

void App::set_dark(bool dark) {
  dark_ = dark;
  apply_theme(dark_);
}

void App::run_to(Time t) {
  transport_.playing = false;
  rewind_expected_ = true;  // going back is asked for, not a restart
  model_->replay_begin(t < 0 ? 0 : t);
}

bool App::take_link_changed() {
  bool c = link_changed_;
  link_changed_ = false;
  return c;
}

std::vector<std::pair<std::string, std::string>> App::link_params() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& k : stale_keys_) out.emplace_back(k, "");
  // The run as core/link.h writes it: seed, settings at the start (exact
  // values) and the reader's inputs, so the address replays this run.
  LinkText link = format_link(info_->id, *model_);
  for (auto& kv : link.pairs)
    if (kv.first != "scene") out.push_back(std::move(kv));
  // A reload stays in presenter mode.
  if (!embed_) out.emplace_back("present", present_ ? "1" : "");
  if (link.inputs_dropped && !link_note_shown_) {
    link_note_shown_ = true;
    add_notice("This run has too many clicks and changes for an address: the address keeps its settings only.");
  }
  return out;
}


bool App::open_scene(std::string_view id) {
  const SceneInfo* s = find_scene(id);
  bool known = s != nullptr;
  if (!known) {
    s = &scenes().front();
    add_notice("There is no scene '" + quote_id(id) + "': showing '" + s->title + "' instead.");
  }
  if (s == info_ && model_) return known;
  // Leave the old scene's settings out of the new scene's link.
  if (model_)
    for (const auto& p : model_->params())
      if (std::find(stale_keys_.begin(), stale_keys_.end(), p.key) == stale_keys_.end()) stale_keys_.push_back(p.key);
  info_ = s;
  model_ = s->make();
  model_->reset(transport_.seed);
  view_ = nullptr;
  if (const ViewEntry* v = find_view(*s)) {
    auto it = std::find_if(view_slots_.begin(), view_slots_.end(), [&](const auto& e) { return e.first == s; });
    if (it == view_slots_.end()) {
      view_slots_.emplace_back(s, v->make_slot());
      it = view_slots_.end() - 1;
    }
    view_ = it->second.get();
  }
  quiz_host_.attach(*model_);
  tour_.scene_opened(s->id, !embed_);
  settings_ = {};
  last_values_.clear();
  last_now_ = 0;
  transport_.playing = true;
  transport_.speed = s->opening_speed;
  transport_.step_empty = false;
  transport_.furthest = 0;
  embed_settings_ = false;
  scene_changed_ = true;
  link_changed_ = true;
  return known;
}

void App::open_link(std::string_view query) {
  const Link l = parse_link(query);
  for (const std::string& n : l.notices.lines()) add_notice(n);
  transport_.seed = l.seed;
  std::snprintf(transport_.seed_text, sizeof transport_.seed_text, "%llu", (unsigned long long)l.seed);
  if (find_scene(l.scene) == info_ && model_) {
    // The same scene: a link means its defaults plus the link's settings.
    for (const Param& p : model_->params()) model_->set(p.key, p.def);
  } else {
    open_scene(l.scene);
  }
  apply_link(*model_, l);
  if (!l.settings.empty() || !l.inputs.empty()) tour_.withdraw_offer();
  quiz_host_.attach(*model_);
  transport_.playing = true;
  transport_.furthest = 0;
  transport_.step_empty = false;
  link_changed_ = true;
}

void App::set_storage(Storage s) {
  tour_.set_storage(s);
  quiz_host_.set_storage(std::move(s));
  quiz_host_.attach(*model_);
}

std::string App::supply_quiz(const std::string& name, std::string text) {
  const std::string notice = quiz_host_.supply(name, std::move(text));
  if (!notice.empty()) add_notice(notice);
  quiz_host_.attach(*model_);
  return notice;
}

void App::quiz_failed(const std::string& name, const std::string& why) { add_notice(QuizHost::failed(name, why)); }

bool App::take_scene_changed() {
  bool c = scene_changed_;
  scene_changed_ = false;
  return c;
}

void App::add_notice(std::string text) {
  for (const auto& n : notices_)
    if (n == text) return;
  // Bounded: a crafted address cannot pile up notices (the page shows ten).
  if (notices_.size() >= 100) return;
  notices_.push_back(std::move(text));
}

void App::reset_model() {
  link_changed_ = true;
  link_note_shown_ = false;
  rewind_expected_ = true;
  transport_.furthest = 0;
  model_->reset(transport_.seed);
  transport_.step_empty = false;
}

void App::handle_keys(bool navigating, bool tour_key) {
  // Only when no text field has the keyboard: typing a seed must not pause.
  if (ImGui::GetIO().WantTextInput) return;
  claim_key(ImGuiKey_Space);  // play/pause (README, Keys)
  if (navigating) {
    // Space, Enter and the arrows work the focused control; Escape hands
    // the keys back to the scene.
    if (escape_owned_ && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) stop_keyboard_navigation();
    return;
  }
  if (tour_key) return;  // N, P or Escape moved the tour
  // P is a running tour's "back": Shift+P toggles presenter mode always.
  const bool shift_p = ImGui::GetIO().KeyShift && ImGui::IsKeyPressed(ImGuiKey_P, false);
  if (!embed_ && (shift_p || (!tour_.active() && ImGui::IsKeyPressed(ImGuiKey_P, false)))) set_present(!present_);
  if (present_) handle_present_keys();
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) transport_.playing = !transport_.playing;
  if (ImGui::IsKeyPressed(ImGuiKey_Period)) {
    transport_.playing = false;
    transport_.step_empty = !model_->step();
  }
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) reset_model();
}

void App::frame(double dt_s) {
  if (!pending_link_.empty()) {
    const std::string q = std::move(pending_link_);
    pending_link_.clear();
    open_link(q);
  }
  apply_input_style();  // 44 px targets while a finger is in use
  const auto sim_start = std::chrono::steady_clock::now();
  advance(*model_, transport_, dt_s);
  sim_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sim_start).count();
  tour_.frame(*model_, dt_s);
  const bool navigating = keyboard_navigating();
  // Presenter mode's text size (FontGlobalScale is read as the next frame
  // begins); the window's width picks it, so follow a resize.
  ImGui::GetIO().FontGlobalScale = font_scale();
  if (present_ && font_scale() != ui_scale_) {
    ui_scale_ = font_scale();
    set_ui_scale(ui_scale_);
    apply_theme(dark_);
  }
  const bool shift_p = ImGui::GetIO().KeyShift && ImGui::IsKeyPressed(ImGuiKey_P, false);
  const bool tour_key = !navigating && !shift_p && tour_.handle_keys(*model_);
  if (tour_key) tour_moved();
  handle_keys(navigating, tour_key);
  targets_.clear();
  // Whatever changed a setting or sent a command (settings panel, a view, a
  // key), the address follows: compare the model's revision across frames.
  if (model_->revision() != seen_revision_) {
    seen_revision_ = model_->revision();
    link_changed_ = true;
  }

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  // Every layout lies on the backdrop (backdrop.h): the frame is cleared to
  // the panels' colour (a projector keeps its black) and no panel or box
  // draws a background of its own, borders alone mark them. Their
  // backgrounds were most of a frame's fill. Kept as drawn: a key handled
  // after drawing may change the mode before the platform clears.
  backdrop_ = style.Colors[present_ ? ImGuiCol_WindowBg : ImGuiCol_ChildBg];
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // No background: the frame is cleared to this colour already (platform.cpp),
  // and every full-screen layer costs a software renderer (SwiftShader, as on
  // school machines with blocklisted GPUs) ~5 ms at 1280x800.
  ImGuiWindowFlags wf = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, embed_ ? ImVec2(6, 6) : ImVec2(10, 10));
  ImGui::Begin("##dsviz", nullptr, wf);
  ImGui::PopStyleVar();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  if (present_) {
    draw_present();
  } else if (embed_) {
    draw_embed();
  } else {
    // Only the margins around the sidebar and the page get the window's
    // colour.
    Rect panels[2];
    int n = 0;
    bool narrow = vp->WorkSize.x < kNarrowWidth;
    if (!narrow) {
      ImGui::BeginChild("sidebar", ImVec2(kSidebarWidth, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
      draw_sidebar();
      ImGui::EndChild();
      panels[n++] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
      ImGui::SameLine();
    }
    ImGui::BeginChild("page", ImVec2(0, 0), 0, ImGuiWindowFlags_NavFlattened);
    draw_page(narrow);
    ImGui::EndChild();
    panels[n++] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    const Rect screen{vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y)};
    paint_around(*ImGui::GetWindowDrawList(), screen, std::span(panels, size_t(n)), style.ChildRounding,
                 ImGui::GetColorU32(style.Colors[ImGuiCol_WindowBg]));
  }
  ImGui::PopStyleColor();
  draw_highlight();
  ImGui::End();
  own_scene_keys(navigating);
  touch_drag_scroll();
  quiz_host_.frame(*model_);
  note_restart();
}

bool App::idle() const {
  return !transport_.playing && !model_->replaying() && pending_link_.empty();
}

// A setting that cannot change mid-run rebuilds the run: say so, name it,
// and cut the timeline to the new run (its old end no longer exists).
void App::note_restart() {
  if (tour_.actions() != tour_actions_) tour_moved();
  const auto& params = model_->params();
  const bool restarted = model_->now() < last_now_ && !rewind_expected_ && !model_->replaying() &&
                         last_values_.size() == params.size();
  if (restarted) {
    std::string names;
    for (size_t i = 0; i < params.size(); ++i) {
      if (model_->param(i) == last_values_[i]) continue;
      names += (names.empty() ? "" : ", ") + setting_label(params[i]);
    }
    add_notice("Run restarted: " + (names.empty() ? std::string("a setting") : names) +
               " changed, which needs a new run. The timeline now shows the new run.");
    transport_.furthest = model_->now();
  }
  rewind_expected_ = false;
  last_now_ = model_->now();
  last_values_.resize(params.size());
  for (size_t i = 0; i < params.size(); ++i) last_values_[i] = model_->param(i);
}

void App::restore_defaults() {
  for (const Param& p : model_->params()) model_->set(p.key, p.def);
}

// The tour step's target, outlined over everything else where it was drawn
// this frame (nothing when it is not on screen: a folded panel, a tab not
// chosen).
void App::draw_highlight() {
  const std::string name = tour_.highlight();
  if (name != shown_highlight_) {
    shown_highlight_ = name;
    // A setting the step points at comes into view in its panel.
    if (name.rfind("control:", 0) == 0) settings_.scroll_to = name.substr(8);
  }
  if (name.empty()) return;
  ImVec2 max;
  const ImVec2* min = targets_.find(name, &max);
  if (!min) return;
  const float pad = 3.0f;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImVec2 a(min->x - pad, min->y - pad), b(max.x + pad, max.y + pad);
  const ImU32 col = palette().warning;
  dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), (col & 0x00ffffffu) | 0x60000000u, 8.0f, 0, 6.0f);
  dl->AddRect(a, b, col, 6.0f, 0, 3.0f);
}

//-----------------------------------------------------------------------------
// [SECTION] Page layout (sidebar, header, body)
//-----------------------------------------------------------------------------

void App::draw_sidebar() {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted("dsviz");
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextWrapped("%s", kChapter);
  ImGui::PopStyleColor();
  ImGui::Separator();
  ImGui::TextDisabled("Scenes");
  for (const SceneInfo& s : scenes()) {
    ImGui::PushID(s.id);
    if (ImGui::Selectable(s.title, &s == info_, 0, ImVec2(0, tap_height(0))) && &s != info_) open_scene(s.id);
    tip("%s (?scene=%s)", s.section, s.id);
    ImGui::Indent();
    ImGui::PushFont(fonts().small);
    ImGui::TextDisabled("%s", s.section);
    ImGui::PopFont();
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::Separator();
  if (ImGui::Checkbox("Dark theme", &dark_)) apply_theme(dark_);
}

void App::draw_scene_combo() {
  float theme_w = ImGui::CalcTextSize("Light").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - theme_w - ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::BeginCombo("##scene", info_->title)) {
    for (const SceneInfo& s : scenes()) {
      ImGui::PushID(s.id);
      if (ImGui::Selectable(s.title, &s == info_, 0, ImVec2(0, tap_height(0))) && &s != info_) open_scene(s.id);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(dark_ ? "Light" : "Dark", ImVec2(theme_w, 0))) {
    dark_ = !dark_;
    apply_theme(dark_);
  }
  tip("Switch between the light and the dark theme");
}

void App::draw_notices() {
  constexpr size_t kShown = 10;
  if (notices_.size() > kShown) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
    ImGui::Text("... and %zu more notices.", notices_.size() - kShown);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (small_button("Dismiss all")) notices_.clear();
  }
  for (size_t i = 0; i < notices_.size() && i < kShown; ++i) {
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
    ImGui::Bullet();
    ImGui::SameLine();
    float close_w = ImGui::CalcTextSize("Dismiss").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - close_w - 8);
    ImGui::TextUnformatted(notices_[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SameLine();
    bool dismiss = small_button("Dismiss");
    ImGui::PopID();
    if (dismiss) {
      notices_.erase(notices_.begin() + long(i));
      break;  // indices moved; the rest draw next frame
    }
  }
}

void App::draw_header(bool narrow) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(info_->title);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s: %s", narrow ? "Section" : "Chapter section", info_->section);
  ImGui::TextWrapped("%s", info_->explanation);
  if (!info_->try_list.empty()) {
    ImGui::SetNextItemOpen(!narrow, ImGuiCond_Once);
    if (ImGui::TreeNodeEx("What to try", touch_input() ? ImGuiTreeNodeFlags_FramePadding : 0)) {
      for (const char* t : info_->try_list) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", t);
      }
      ImGui::TreePop();
    }
  }
}

void App::draw_page(bool narrow) {
  if (narrow) draw_scene_combo();
  draw_notices();
  draw_header(narrow);
  tour_.draw(*model_, false);
  ImGui::Separator();
  ImGui::BeginGroup();
  if (draw_transport(*model_, transport_, narrow)) reset_model();
  ImGui::EndGroup();
  targets_.add_item("control:transport");
  if (!narrow) ImGui::SameLine(0, 24);
  if (draw_seed(transport_)) reset_model();
  ImGui::SameLine();
  if (ImGui::Button("Save PNG")) request_png();
  tip("Save this page as a PNG picture at twice its size on screen");
  targets_.add_item("control:save_png");
  if (!narrow) ImGui::SameLine(0, 24);
  draw_clock(*model_, transport_);
  if (draw_timeline(*model_, transport_)) rewind_expected_ = true;
  targets_.add_item("control:timeline");
  draw_body(narrow);
}

void App::draw_side_panels(bool compact) {
  ImGui::SeparatorText("Settings");
  if (compact && embed_) {
    if (draw_seed(transport_)) reset_model();
  }
  settings_.targets = &targets_;
  if (draw_settings(*model_, settings_, compact)) link_changed_ = true;
  if (ImGui::Button("Defaults")) restore_defaults();
  tip("Put every setting of this scene back to its default");
  ImGui::SeparatorText("Figures");
  draw_metrics(*model_, metrics_);
}

void App::draw_view(float height, bool compact) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
  ImGui::BeginChild("view", ImVec2(0, height), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleVar();
  ViewContext ctx;
  ctx.compact = compact;
  ctx.dark = dark_;
  ctx.reduced_motion = reduced_motion_;
  ctx.scale = ImGui::GetFontSize() / 16.0f;
  ctx.open_link = [this](const std::string& q) { pending_link_ = q; };
  ctx.pinch = pinch_;
  ctx.targets = &targets_;
  view_->draw(*model_, ctx);
  ImGui::EndChild();
  targets_.add_item("area:view");
}

void App::draw_body(bool narrow) {
  // Child windows below carry the scene on the ID stack, so each scene keeps
  // its own settings scroll position.
  ImGui::PushID(info_->id);
  draw_body_columns(narrow);
  ImGui::PopID();
}

void App::draw_body_columns(bool narrow) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  if (!view_) {
    // No drawing for this scene yet: its settings and figures are the scene,
    // side by side when there is room.
    if (!narrow && avail.x >= 820.0f) {
      ImGui::BeginChild("settings", ImVec2(avail.x * 0.55f, avail.y), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
      ImGui::SeparatorText("Settings");
      if (draw_settings(*model_, settings_, false)) link_changed_ = true;
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("figures", ImVec2(0, avail.y), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
      ImGui::SeparatorText("Figures");
      draw_metrics(*model_, metrics_);
      ImGui::EndChild();
    } else {
      ImGui::BeginChild("panels", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
      draw_side_panels(narrow);
      ImGui::EndChild();
    }
    return;
  }
  if (!narrow && avail.x >= 820.0f) {
    ImGui::BeginChild("viewcol", ImVec2(avail.x - kSidePanelWidth - ImGui::GetStyle().ItemSpacing.x, avail.y), 0, ImGuiWindowFlags_NavFlattened);
    draw_view(0, false);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("side", ImVec2(0, avail.y), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    draw_side_panels(false);
    ImGui::EndChild();
    return;
  }
  // Stacked: the view gets a useful height even when that means the page
  // scrolls, then settings and figures follow.
  float h = avail.y > 380.0f ? avail.y : 380.0f;
  draw_view(h, true);
  draw_side_panels(true);
}

//-----------------------------------------------------------------------------
// [SECTION] Embed layout
//-----------------------------------------------------------------------------

// One scene in an iframe from 320x240 up: a title line with a settings
// toggle, compact transport, then the view filling the rest.
void App::draw_embed() {
  bool tiny = ImGui::GetContentRegionAvail().y < 420.0f;
  if (!tiny) ImGui::PushFont(fonts().title);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(info_->title);
  if (!tiny) ImGui::PopFont();
  tip("%s", info_->explanation);
  const char* toggle = embed_settings_ ? "Scene" : "Settings";
  float tw = ImGui::CalcTextSize(toggle).x + ImGui::GetStyle().FramePadding.x * 2;
  // The clock shares the title line when it fits between title and button.
  float clock_w = ImGui::CalcTextSize("t = 00 min 00 s  000000 events").x;
  bool clock_inline = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - tw > clock_w;
  if (clock_inline) {
    ImGui::SameLine(0, 16);
    draw_clock(*model_, transport_);
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - tw);
  if (ImGui::Button(toggle)) embed_settings_ = !embed_settings_;
  draw_notices();
  if (draw_transport(*model_, transport_, true)) reset_model();
  if (!clock_inline) draw_clock(*model_, transport_);
  // The height this layout wants (embed_height): what is above, plus the
  // panel's content or a view as tall as the width suggests, plus padding
  // and the child's border.
  const float above = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y + 2.0f;
  if (embed_settings_ || !view_) {
    ImGui::PushID(info_->id);
    ImGui::BeginChild("panels", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    draw_side_panels(true);
    // Inside the child the cursor counts from its top, scrolling included.
    embed_height_ = above + ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::EndChild();
    ImGui::PopID();
    return;
  }
  // Narrow frames (a phone) stack the view's parts: give them more height.
  const float w = ImGui::GetContentRegionAvail().x;
  embed_height_ = above + (w < 560.0f ? std::clamp(w * 1.45f, 360.0f, 760.0f) : std::clamp(w * 0.62f, 300.0f, 640.0f));
  // A running tour's caption sits under the scene, compactly.
  const float tour_h = tour_.active() ? tour_.compact_height() + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  float h = ImGui::GetContentRegionAvail().y - tour_h;
  embed_height_ += tour_h;
  if (h < kMinEmbedView.y || ImGui::GetContentRegionAvail().x < kMinEmbedView.x) {
    // Squeezed past reading: say so and offer the whole page instead.
    ImGui::TextWrapped("This frame is too small to show %s.", info_->title);
    if (open_full_view_) {
      if (ImGui::Button("Open full view")) open_full_view_();
      tip("Open this scene, with its settings, in a new tab");
    }
    if (tour_.active()) tour_.draw(*model_, true);
    return;
  }
  draw_view(h, true);
  if (tour_.active()) tour_.draw(*model_, true);
}


//-----------------------------------------------------------------------------
// [SECTION] Presenter mode and keyboard navigation
//-----------------------------------------------------------------------------

float App::font_scale() const {
  if (!present_) return 1.0f;
  // A projector wants large text; a phone in presenter mode has no room for it.
  const float w = ImGui::GetMainViewport()->Size.x;
  return w >= 1000.0f ? kPresentFontScale : w >= 600.0f ? 1.5f : 1.25f;
}

void App::set_present(bool on) {
  if (embed_) return;  // an embed is part of someone else's page
  present_ = on;
  present_settings_ = false;
  preset_shown_.clear();
  set_high_contrast(on);
  ui_scale_ = font_scale();
  set_ui_scale(ui_scale_);
  apply_theme(dark_);
  link_changed_ = true;  // the address says ?present=1 while it is on
}

void App::apply_preset(size_t index) {
  if (index >= info_->presets.size()) return;
  const Preset& p = info_->presets[index];
  // On top of the scene's defaults, with the seed on screen.
  pending_link_ = std::string("scene=") + info_->id + "&seed=" + std::to_string(transport_.seed) + "&" + p.query;
  preset_shown_ = p.label;
}

void App::open_next_scene(int direction) {
  const auto& all = scenes();
  const long n = long(all.size());
  long i = 0;
  while (i < n && &all[size_t(i)] != info_) ++i;
  open_scene(all[size_t(((i + direction) % n + n) % n)].id);
  preset_shown_.clear();
}

// Space (play/pause) and R (reset) are the page's keys everywhere; these
// are presenter mode's own (README, Presenter mode).
void App::handle_present_keys() {  // not after a tour's key (handle_keys)
  const ImGuiIO& io = ImGui::GetIO();
  // Alt+Left is the browser's Back: Shift or Ctrl work everywhere.
  const bool modifier = io.KeyShift || io.KeyCtrl || io.KeyAlt;
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) {
    if (modifier) {
      open_next_scene(+1);
    } else if (tour_.active()) {
      next_step();  // a tour in presenter mode: the arrows walk its steps
    } else {
      transport_.playing = false;
      transport_.step_empty = !model_->step();
    }
  }
  if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) {
    if (modifier) open_next_scene(-1);
    else if (tour_.active()) prev_step();
    else if (previous_event(*model_, transport_)) rewind_expected_ = true;  // back one event (the page's ',')
  }
  const bool faster = ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd);
  const bool slower = ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract);
  if (faster) transport_.speed = std::min(transport_.speed * 2.0f, kMaxSpeed);
  if (slower) transport_.speed = std::max(transport_.speed * 0.5f, kMinSpeed);
  if (ImGui::IsKeyPressed(ImGuiKey_S, false)) present_settings_ = !present_settings_;
  // A running tour takes Escape first (explore freely); the next one leaves.
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) set_present(false);
  // The quiz takes 1-9 for its answers.
  if (std::string_view(info_->id) != "quiz")
    for (int k = 0; k < 9; ++k)
      if (ImGui::IsKeyPressed(ImGuiKey(ImGuiKey_1 + k), false)) apply_preset(size_t(k));
}

// The scene alone: one header line (title, clock, state, keys), the
// scene's presets, then the view over the rest of the window; S opens the
// transport, settings and figures beside it (instead of it on a phone).
void App::draw_present() {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  // On the line so far when `w` more pixels fit, else on the next.
  auto same_line_if = [right](float w) {
    if (ImGui::GetItemRectMax().x + 24 + w <= right) ImGui::SameLine(0, 24);
  };
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(info_->title);
  ImGui::PopFont();
  same_line_if(ImGui::CalcTextSize("t = 00 min 00 s  000000 events").x);
  ImGui::AlignTextToFramePadding();
  draw_clock(*model_, transport_);
  char state[64];
  std::snprintf(state, sizeof state, "%s, speed %sx", transport_.playing ? "Playing" : "Paused",
                fmt::number(double(transport_.speed)).c_str());
  same_line_if(ImGui::CalcTextSize(state).x);
  ImGui::TextUnformatted(state);
  // No-break spaces (C2 A0) keep each key with its meaning when it wraps.
  const char* keys = tour_.active()
                         ? "Space\xC2\xA0play/pause   \xE2\x86\x90\xC2\xA0\xE2\x86\x92\xC2\xA0tour\xC2\xA0steps   "
                           "+\xC2\xA0-\xC2\xA0speed   S\xC2\xA0settings   Esc\xC2\xA0leave\xC2\xA0the\xC2\xA0tour"
                         : "Space\xC2\xA0play/pause   \xE2\x86\x90\xC2\xA0\xE2\x86\x92\xC2\xA0step   Shift+\xE2\x86\x90\xC2\xA0\xE2\x86\x92\xC2\xA0scene   "
                           "+\xC2\xA0-\xC2\xA0speed   R\xC2\xA0reset   S\xC2\xA0settings   P\xC2\xA0" "exit";
  const float kw = ImGui::CalcTextSize(keys).x;
  if (ImGui::GetItemRectMax().x + 24 + kw <= right) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - kw);
    ImGui::TextDisabled("%s", keys);
  } else {
    ImGui::PushFont(fonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", keys);
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  for (size_t i = 0; i < info_->presets.size() && i < 9; ++i) {
    const Preset& p = info_->presets[i];
    const std::string label = std::to_string(i + 1) + ". " + p.label;
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w;
      if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
    }
    const bool shown = preset_shown_ == p.label;
    if (shown) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label.c_str())) apply_preset(i);
    if (shown) ImGui::PopStyleColor();
    tip("Key %zu", i + 1);
  }
  draw_notices();
  ImGui::PushID(info_->id);
  const float tour_h = tour_.active() ? tour_.compact_height() + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  const ImVec2 avail(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - tour_h);
  const bool narrow = avail.x < kNarrowWidth;
  if (!view_ || present_settings_) {
    if (view_ && !narrow) {
      const float side = std::min(avail.x * 0.4f, kSidePanelWidth * font_scale());
      ImGui::BeginChild("viewcol", ImVec2(avail.x - side - ImGui::GetStyle().ItemSpacing.x, avail.y), 0, ImGuiWindowFlags_NavFlattened);
      draw_view(0, false);
      ImGui::EndChild();
      ImGui::SameLine();
    }
    ImGui::BeginChild("side", ImVec2(0, avail.y), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    // Compact: the page's fixed-width buttons would cut their larger labels.
    if (draw_transport(*model_, transport_, true)) reset_model();
    if (draw_seed(transport_)) reset_model();
    draw_side_panels(narrow);
    ImGui::EndChild();
  } else {
    draw_view(avail.y, narrow);
  }
  ImGui::PopID();
  if (tour_.active()) tour_.draw(*model_, true);
}

bool App::keyboard_navigating() const {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.NavId != 0 && !g.NavDisableHighlight && !ImGui::GetIO().WantTextInput;
}

// The keyboard focus goes away (Escape): Space and the arrows are the
// scene's again; Tab brings the focus back where it was.
void App::stop_keyboard_navigation() {
  ImGui::GetCurrentContext()->NavDisableHighlight = true;
}

// While no control has the keyboard focus, the arrows the scene uses
// (presenter mode's step and scenes, a view's claim_key: the map's pan, the
// quiz's questions) do not start ImGui's navigation; only Tab does. Escape
// is ours unless a popup is open (ImGui closes it) or a text field has the
// keys (ImGui gives it Escape): one press ends navigation wherever the focus
// is, and otherwise it is a tour's or presenter mode's key, never ImGui's
// "leave this panel". Owned from this frame for the next (ImGui copies
// owners as a frame begins).
void App::own_scene_keys(bool navigating) {
  static const ImGuiID kOwner = ImHashStr("dsviz scene keys");
  for (ImGuiKey k : {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow})
    if (!navigating && (present_ || key_claimed(k))) ImGui::SetKeyOwner(k, kOwner);
  escape_owned_ = ImGui::GetCurrentContext()->OpenPopupStack.empty();
  if (escape_owned_) ImGui::SetKeyOwner(ImGuiKey_Escape, kOwner);
}

}  // namespace dsviz::ui
