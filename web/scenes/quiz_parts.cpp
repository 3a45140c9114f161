#include "quiz_parts.h"

#include <algorithm>
#include <string>

#include "bars.h"
#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "quiz/check.h"
#include "theme.h"
#include "touch.h"

namespace dsviz::ui {

std::string quiz_text(std::string_view s) { return quiz::displayable(s); }

namespace {

// One chip per question, wrapping onto more lines when narrow.
void chips(QuizModel& m, float tap, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale, size = std::max(28 * s, touch_input() ? kTouchTarget : tap * 0.8f), gap = 4 * s;
  const float x0 = ImGui::GetCursorScreenPos().x, right = x0 + ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t q = 0; q < m.count(); ++q) {
    if (q > 0) {
      ImGui::SameLine(0, gap);
      if (ImGui::GetCursorScreenPos().x + size > right) ImGui::NewLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(int(q));
    if (ImGui::InvisibleButton("chip", ImVec2(size, size))) m.go_to(q);
    ImGui::PopID();
    const bool cur = q == m.current(), hover = ImGui::IsItemHovered();
    ImU32 bg = ImGui::GetColorU32(hover ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg);
    if (m.submitted(q)) bg = alpha(m.correct(q) ? pal.ok : pal.failed, 0.45f);
    const ImVec2 e(p.x + size, p.y + size);
    dl->AddRectFilled(p, e, bg, 4 * s);
    if (cur) dl->AddRect(p, e, pal.text, 4 * s, 0, 2 * s);
    text_at(dl, ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), pal.text, std::to_string(q + 1));
    if (begin_tip()) {
      ImGui::TextUnformatted(!m.submitted(q) ? "not checked yet" : m.correct(q) ? "right" : "missed");
      end_tip();
    }
  }
}

}  // namespace

void quiz_header(QuizModel& m, float tap, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const quiz::Score sc = m.score();
  ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
  ImGui::TextUnformatted(("Quiz: " + quiz_text(m.source())).c_str());
  ImGui::PopStyleColor();
  const std::string score = "Score: " + std::to_string(sc.correct) + " right of " +
                            fmt::count(sc.submitted, "question", "questions") + " checked (" +
                            std::to_string(sc.total) + " in all)";
  same_line_if_fits(score.c_str());
  ImGui::TextUnformatted(score.c_str());
  // Our own quiz in either language; answers are kept by question id.
  const bool fr = m.get(QuizModel::kLang) >= 0.5;
  if (m.source() == "dsviz-quiz.toml" || m.source() == "dsviz-quiz.fr.toml") {
    const char* other = fr ? "English" : "Fran\xC3\xA7" "ais";
    same_line_if_fits(other);
    if (small_button(other)) m.set(QuizModel::kLang, fr ? 0 : 1);
    tip("dsviz's own quiz in %s; your answers stay", fr ? "English" : "French");
  }
  if (ImGui::GetContentRegionAvail().y < 300 * ctx.scale) {
    // A small embed: no chips, just where we are.
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu / %zu", m.current() + 1, m.count());
    ImGui::SameLine();
  } else {
    chips(m, tap, ctx);
  }
  ImGui::SameLine(0, 12 * ctx.scale);
  if (ImGui::GetContentRegionAvail().x < 170 * ctx.scale) ImGui::NewLine();
  ImGui::BeginDisabled(m.current() == 0);
  if (ImGui::Button("< Prev", ImVec2(0, tap * 0.8f))) m.prev();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Next >", ImVec2(0, tap_height(tap * 0.8f)))) m.next();
  const auto missed = m.missed();
  if (!m.retry_queue().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.warning);
    ImGui::TextWrapped("Retrying the missed questions: %s left.",
                       fmt::count(m.retry_queue().size(), "question", "questions").c_str());
    ImGui::PopStyleColor();
  } else if (!missed.empty() && !m.finished()) {
    const std::string label = "Retry the " + fmt::count(missed.size(), "missed one", "missed ones");
    if (small_button(label.c_str())) m.retry_missed();
  }
}

void quiz_after(QuizModel& m, size_t q, float tap, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const quiz::Question& qu = m.question(q);
  if (m.submitted(q)) {
    const bool right = m.correct(q);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? pal.ok : pal.failed);
    ImGui::TextUnformatted(right ? "Right." : "Not this time.");
    ImGui::PopStyleColor();
    if (qu.type == quiz::Type::ShortAnswer && !right) {
      ImGui::SameLine();
      ImGui::TextWrapped("The answer: %s", quiz_text(qu.answer).c_str());
    }
    if (!qu.context.empty()) ImGui::TextWrapped("%s", quiz_text(qu.context).c_str());
    if (const quiz::LiveLink* l = m.live_link(q)) {
      if (ImGui::Button("See it live", ImVec2(0, tap)) && ctx.open_link) ctx.open_link(l->link);
      tip("Opens the scene that shows it (?%s)", l->link);
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextWrapped("%s", l->caption);
    }
    if (!m.finished() && (q + 1 < m.count() || !m.retry_queue().empty())) {
      if (ImGui::Button("Next question", ImVec2(0, tap))) m.next();
    }
  }
  if (m.finished()) {
    const quiz::Score sc = m.score();
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, sc.correct == sc.total ? pal.ok : pal.text);
    ImGui::TextWrapped("All %u answered: %u right.", sc.total, sc.correct);
    ImGui::PopStyleColor();
    const auto missed = m.missed();
    if (!missed.empty()) {
      const std::string label = "Retry the " + fmt::count(missed.size(), "missed one", "missed ones");
      if (ImGui::Button(label.c_str(), ImVec2(0, tap))) m.retry_missed();
      ImGui::SameLine();
    }
    if (ImGui::Button("Start over", ImVec2(0, tap))) m.restart();
    tip("Clears every answer");
  }
  if (!m.warnings().empty() && !ctx.compact) {
    const std::string head = "Notes for the quiz's author (" + std::to_string(m.warnings().size()) + ")";
    if (ImGui::CollapsingHeader(head.c_str())) {
      for (const quiz::Problem& p : m.warnings()) ImGui::BulletText("%s", quiz_text(quiz::format_problem(p)).c_str());
      ImGui::TextDisabled("dsviz-cli quiz check %s lists them too.", quiz_text(m.source()).c_str());
    }
  }
  if (!ctx.compact) {
    ImGui::PushFont(fonts().small);
    ImGui::TextDisabled("Keys: 1-9 pick an option, Enter checks and then moves on, Left / Right change question.");
    ImGui::PopFont();
  }
}

}  // namespace dsviz::ui
