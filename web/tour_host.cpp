#include "tour_host.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "imgui.h"
#include "parse.h"
#include "theme.h"
#include "touch.h"
#include "tour/builtin.h"

namespace dsviz::ui {

// A tour is read when its scene first asks for it, not all at start-up:
// checking a tour builds its scene and computes its metrics, and some
// scenes' are costly (scaling's capacity sweep took a third of the page's
// start-up, issue 14). The slots are made once, so pointers into them stay.
TourHost::TourHost() : slots_(tour::builtin_tours().size()) {}

const tour::Tour* TourHost::find(std::string_view scene) const {
  const auto& all = tour::builtin_tours();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].scene != scene) continue;
    Slot& s = slots_[i];
    if (!s.read) {
      s.read = true;
      std::vector<tour::Problem> problems;
      s.ok = tour::parse_tour(all[i].text, s.tour, problems);
      for (const auto& p : problems)
        load_errors_.push_back("assets/tours/" + std::string(all[i].scene) + ".toml:" + tour::format_problem(p));
    }
    return s.ok ? &s.tour : nullptr;
  }
  return nullptr;
}

bool TourHost::has_tour(std::string_view scene) {
  for (const tour::BuiltinTour& b : tour::builtin_tours())
    if (b.scene == scene) return true;
  return false;
}

void TourHost::set_storage(Storage s) {
  storage_ = std::move(s);
  loaded_seen_ = false;
  // A returning reader: the offer made before the storage was known goes.
  if (offered_ && seen(scene_)) offered_ = false;
}

bool TourHost::seen(std::string_view scene) {
  if (!loaded_seen_) {
    loaded_seen_ = true;
    seen_.clear();
    const std::string rec = storage_.load ? storage_.load(kSeenKey) : std::string();
    size_t i = 0;
    while (i <= rec.size()) {
      const size_t comma = std::min(rec.find(',', i), rec.size());
      if (comma > i && has_tour(rec.substr(i, comma - i))) seen_.push_back(rec.substr(i, comma - i));
      i = comma + 1;
    }
  }
  return std::find(seen_.begin(), seen_.end(), scene) != seen_.end();
}

void TourHost::mark_seen(std::string_view scene) {
  if (seen(scene)) return;
  seen_.emplace_back(scene);
  std::string rec;
  for (const auto& s : seen_) rec += (rec.empty() ? "" : ",") + s;
  if (storage_.save) storage_.save(kSeenKey, rec);
}

void TourHost::scene_opened(std::string_view scene, bool offer) {
  if (scene == scene_ && (active_ || offered_)) return;
  scene_ = std::string(scene);
  const tour::Tour* t = find(scene);
  player_ = tour::Player(t);
  active_ = false;
  left_at_ = 0;
  met_for_s_ = -1;
  offered_ = offer && t && !seen(scene);
  caption_dirty_ = true;
}

bool TourHost::start(Model& m, size_t k) {
  const tour::Tour* t = find(scene_);
  if (!t) return false;
  player_ = tour::Player(t);
  player_.jump(m, k);
  ++actions_;
  active_ = true;
  offered_ = false;
  left_at_ = 0;
  met_for_s_ = -1;
  caption_dirty_ = true;
  mark_seen(scene_);
  return true;
}

bool TourHost::next_step(Model& m) {
  if (!active_) return false;
  met_for_s_ = -1;
  caption_dirty_ = true;
  ++actions_;
  if (!player_.next(m)) {
    finish();
    return false;
  }
  return true;
}

bool TourHost::prev_step(Model& m) {
  if (!active_) return false;
  met_for_s_ = -1;
  caption_dirty_ = true;
  ++actions_;
  return player_.prev(m);
}

void TourHost::act(Model& m) {
  if (!active_) return;
  ++actions_;
  player_.act(m);
}

void TourHost::leave() {
  if (!active_) return;
  left_at_ = player_.step() + 1;
  active_ = false;
  caption_dirty_ = true;
}

void TourHost::dismiss() {
  offered_ = false;
  mark_seen(scene_);
  caption_dirty_ = true;
}

void TourHost::finish() {
  active_ = false;
  left_at_ = 0;
  caption_dirty_ = true;
}

std::string TourHost::highlight() const {
  if (!active_ || !player_.tour()) return "";
  return player_.current().highlight;
}

void TourHost::frame(Model& m, double dt_s) {
  if (!active_) return;
  const size_t before = m.inputs_applied();
  const bool met = player_.update(m);
  if (m.inputs_applied() != before) ++actions_;
  if (!met) {
    if (met_for_s_ >= 0) caption_dirty_ = true;
    met_for_s_ = -1;
    return;
  }
  if (met_for_s_ < 0) {
    met_for_s_ = 0;
    caption_dirty_ = true;
    return;
  }
  met_for_s_ += dt_s;
  if (met_for_s_ >= kAdvanceDelayS) next_step(m);
}

bool TourHost::handle_keys(Model& m) {
  if (!active_ || ImGui::GetIO().WantTextInput) return false;
  if (ImGui::IsKeyPressed(ImGuiKey_N, false)) {
    next_step(m);
    return true;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_P, false)) {
    prev_step(m);
    return true;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
    leave();
    return true;
  }
  return false;
}

std::string TourHost::caption_text() const {
  if (!active_ || !player_.tour()) return "";
  const tour::Step& s = player_.current();
  std::string t = "Tour step " + std::to_string(player_.step() + 1) + " of " + std::to_string(player_.size()) + ": " +
                  s.caption;
  if (s.advance.kind != tour::Advance::Kind::Next) {
    if (met_for_s_ >= 0) t += " Done.";
    else if (!s.waiting.empty()) t += " " + s.waiting;
  }
  return t;
}

bool TourHost::take_caption(std::string& text) {
  if (!caption_dirty_) return false;
  caption_dirty_ = false;
  std::string now = caption_text();
  if (now == caption_sent_) return false;
  caption_sent_ = now;
  text = std::move(now);
  return true;
}

void TourHost::draw_offer(Model& m, bool compact) {
  const tour::Tour* t = find(scene_);
  if (!t) return;
  if (offered_) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild("tour_offer", ImVec2(0, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleColor();
    char text[256];
    if (compact)
      std::snprintf(text, sizeof text, "A %zu-step guided tour of this scene.", t->steps.size());
    else
    {
      // No second stop after a title that ends in its own ("Whose time is it?").
      const bool own_stop = !t->title.empty() && std::strchr(".?!", t->title.back()) != nullptr;
      std::snprintf(text, sizeof text, "New here? A %zu-step guided tour walks through this scene%s%s%s",
                    t->steps.size(), t->title.empty() ? "" : ": ", t->title.c_str(), own_stop ? "" : ".");
    }
    // On a laptop the offer is one line with its buttons; on a phone the
    // sentence wraps and the buttons go under it, never off the edge.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float buttons = ImGui::CalcTextSize("Start the tourNo thanks").x + st.FramePadding.x * 4 +
                          st.ItemSpacing.x * 2;
    const bool one_line = !compact && ImGui::CalcTextSize(text).x + buttons <= ImGui::GetContentRegionAvail().x;
    if (one_line) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(text);
      ImGui::SameLine();
    } else {
      ImGui::TextWrapped("%s", text);
    }
    if (ImGui::Button("Start the tour")) start(m, 0);
    ImGui::SameLine();
    if (ImGui::Button("No thanks")) dismiss();
    tip("Go straight to the scene; the tour stays one click away");
    ImGui::EndChild();
    return;
  }
  if (left_at_ > 0) {
    char label[64];
    std::snprintf(label, sizeof label, "Back to the tour (step %zu of %zu)", left_at_, t->steps.size());
    if (small_button(label)) start(m, left_at_ - 1);
    tip("Rebuilds the run as that step sets it up");
  } else {
    if (small_button("Guided tour")) start(m, 0);
    tip("%zu steps through this scene, with Back and Next", t->steps.size());
  }
}

float TourHost::compact_height() const {
  if (!active_) return 0;
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::GetTextLineHeightWithSpacing() * 3 + ImGui::GetFrameHeightWithSpacing() + st.WindowPadding.y * 2 + 4;
}

void TourHost::draw(Model& m, bool compact) {
  if (!active_) {
    draw_offer(m, compact);
    return;
  }
  const tour::Step& s = player_.current();
  const size_t k = player_.step(), n = player_.size();
  const bool last = k + 1 >= n;
  const bool waiting = s.advance.kind != tour::Advance::Kind::Next;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  if (compact) {
    ImGui::BeginChild("tour", ImVec2(0, compact_height()), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
  } else {
    ImGui::BeginChild("tour", ImVec2(0, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
  }
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  if (compact) ImGui::Text("Tour %zu/%zu", k + 1, n);
  else ImGui::Text("Guided tour%s%s: step %zu of %zu", player_.tour()->title.empty() ? "" : ", ",
                   player_.tour()->title.c_str(), k + 1, n);
  ImGui::PopStyleColor();
  if (compact) ImGui::PushFont(fonts().small);
  ImGui::TextWrapped("%s", s.caption.c_str());
  if (waiting) {
    double now = NAN;
    const bool met = player_.met(m, &now);
    std::string line;
    if (met) {
      line = "Done: on to the next step.";
    } else {
      line = s.waiting.empty() ? "Waiting for " + tour::describe(s.advance) : s.waiting;
      if (std::isfinite(now)) line += " (" + s.advance.key + " is " + format_number(now) + " now)";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, met ? palette().ok : palette().warning);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
  }
  if (compact) ImGui::PopFont();
  ImGui::BeginDisabled(k == 0);
  if (ImGui::Button(compact ? "<" : "Back")) prev_step(m);
  ImGui::EndDisabled();
  tip("The previous step, set up afresh (P)");
  ImGui::SameLine();
  if (ImGui::Button(last ? "Finish" : (compact ? ">" : "Next"))) next_step(m);
  tip(last ? "End the tour and keep the scene" : "The next step (N)");
  if (waiting) {
    ImGui::SameLine();
    if (ImGui::Button(compact ? "Do it" : "Do it for me")) act(m);
    tip("Does what the step asks: %s", s.act_text.c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button(compact ? "Explore" : "Explore freely")) leave();
  tip("Leave the tour with the scene as it is; come back to this step later (Escape)");
  ImGui::EndChild();
}

}  // namespace dsviz::ui
