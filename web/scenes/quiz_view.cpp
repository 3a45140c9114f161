// Scene "quiz": one question at a time. Top: the quiz's name, the score and
// a strip of numbered chips (one per question: unanswered, right, missed,
// current) that jump to it. Then the question: multiple choice as radio
// rows (checkbox rows when several answers are right), short answers as a
// text field, tracing questions as the program in a fixed-pitch block with
// "does it compile?" and its output. After checking: right or not, the
// question's context, "See it live" (a deep link into the scene that shows
// it) and the next question. Keys: 1-9 pick an option, Enter checks (then
// moves on), Left/Right change question. All state lives in QuizModel.
//
// ImGui's text fields take keys from a hardware keyboard only: a phone shows
// no on-screen keyboard for them, so typed answers offer "Show the answer"
// (counted as missed) on touch layouts.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "draw.h"
#include "format.h"
#include "imgui.h"
#include "quiz_parts.h"
#include "scenes/quiz.h"
#include "theme.h"
#include "touch.h"
#include "views.h"

namespace dsviz::ui {

struct QuizView {
  // Text fields edit these; the model gets each change (set_text).
  char answer[1024] = "";
  char explanation[1024] = "";
  size_t filled_for = size_t(-1);  // the question the buffers hold
  bool typing = false;             // a field of ours had the keyboard last frame
  bool focus_field = false;        // give the answer field the keyboard (question just shown)
};

namespace {

using quiz::Type;

enum class Mark { None, Right, Wrong, Missed };  // an option after checking

// One tappable row: a radio circle or a checkbox, the key's digit, wrapped
// text and, after checking, a tag. At least 44 px tall on touch layouts.
bool option_row(int i, const std::string& text, bool on, bool box, Mark mark, float min_h, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  const Area ar = area_here();
  const char* tag = mark == Mark::Right ? "right" : mark == Mark::Wrong ? "your pick" : mark == Mark::Missed ? "the answer" : "";
  ImGui::PushFont(fonts().small);
  const float tag_w = *tag ? ImGui::CalcTextSize(tag).x + 10 * s : 0;
  ImGui::PopFont();
  const float left = 46 * s, wrap = std::max(40.0f, ar.w - left - tag_w - 8 * s);
  const float h = std::max(min_h, ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + 14 * s);
  ImGui::PushID(i);
  const bool hit = ImGui::InvisibleButton("opt", ImVec2(ar.w, h));
  ImGui::PopID();
  const bool hover = ImGui::IsItemHovered();
  const ImVec2 p = ar.a, q(ar.a.x + ar.w, ar.a.y + h);
  ImU32 bg = ImGui::GetColorU32(on ? ImGuiCol_FrameBgActive : hover ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg);
  if (mark == Mark::Right || mark == Mark::Missed) bg = alpha(pal.ok, 0.25f);
  if (mark == Mark::Wrong) bg = alpha(pal.failed, 0.25f);
  ar.dl->AddRectFilled(p, q, bg, 4 * s);
  if (mark != Mark::None) ar.dl->AddRect(p, q, mark == Mark::Wrong ? pal.failed : pal.ok, 4 * s, 0, 1.5f * s);
  const ImVec2 c(p.x + 30 * s, p.y + h * 0.5f);
  const float r = 7 * s;
  if (box) {
    ar.dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), pal.text, 2 * s, 0, 1.5f * s);
    if (on) ar.dl->AddRectFilled(ImVec2(c.x - r + 3 * s, c.y - r + 3 * s), ImVec2(c.x + r - 3 * s, c.y + r - 3 * s), pal.text, s);
  } else {
    ar.dl->AddCircle(c, r, pal.text, 0, 1.5f * s);
    if (on) ar.dl->AddCircleFilled(c, r - 3 * s, pal.text);
  }
  ImFont* small = fonts().small;
  if (i < 9) {
    const char digit[2] = {char('1' + i), 0};
    ar.dl->AddText(small, small->FontSize, ImVec2(p.x + 6 * s, c.y - small->FontSize * 0.5f), pal.muted, digit);
  }
  const float th = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
  ar.dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + left, p.y + (h - th) * 0.5f), pal.text, text.c_str(),
                 nullptr, wrap);
  if (*tag)
    ar.dl->AddText(small, small->FontSize, ImVec2(q.x - tag_w, c.y - small->FontSize * 0.5f),
                   mark == Mark::Wrong ? pal.failed : pal.ok, tag);
  ImGui::Dummy(ImVec2(0, 1 * s));
  return hit;
}

// The program of a tracing question, one cell per character so columns
// line up (the app embeds a proportional font only), with line numbers.
void program_block(const std::string& program, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const float s = ctx.scale;
  ImFont* f = fonts().small;
  const float cell = f->CalcTextSizeA(f->FontSize, 1e9f, 0, "0").x * 1.08f, line_h = f->FontSize * 1.3f;
  int lines = 1, cols = 0, col_now = 0;
  for (char c : program) {
    if (c == '\n') {
      ++lines;
      col_now = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      cols = std::max(cols, ++col_now);
    }
  }
  if (!program.empty() && program.back() == '\n') --lines;
  const float gutter = cell * 3.5f, h = float(lines) * line_h + 12 * s;
  const float full_w = gutter + float(cols + 1) * cell;
  // Wider than the view (a phone): the block scrolls sideways.
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float bar = full_w > avail_w ? ImGui::GetStyle().ScrollbarSize : 0;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.panel);
  ImGui::BeginChild("program", ImVec2(avail_w, h + bar), ImGuiChildFlags_None, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleColor();
  const Area ar = area_here();
  size_t i = 0;
  for (int l = 0; l < lines; ++l) {
    const float y = ar.a.y + 6 * s + float(l) * line_h;
    char num[16];
    std::snprintf(num, sizeof num, "%2d", l + 1);
    ar.dl->AddText(f, f->FontSize, ImVec2(ar.a.x + 4 * s, y), pal.muted, num);
    float col = 0;
    while (i < program.size() && program[i] != '\n') {
      size_t n = 1;  // one UTF-8 code point
      while (i + n < program.size() && (static_cast<unsigned char>(program[i + n]) & 0xC0) == 0x80) ++n;
      if (program[i] == '\t') {
        col = (float(int(col) / 4) + 1) * 4;
      } else {
        const float w = f->CalcTextSizeA(f->FontSize, 1e9f, 0, &program[i], &program[i + n]).x;
        ar.dl->AddText(f, f->FontSize, ImVec2(ar.a.x + gutter + col * cell + (cell - w) * 0.5f, y), pal.text, &program[i],
                       &program[i + n]);
        col += 1;
      }
      i += n;
    }
    ++i;
  }
  ImGui::Dummy(ImVec2(std::max(full_w, ar.w), h));
  ImGui::EndChild();
}

void sync_buffers(const QuizModel& m, QuizView& v, size_t q) {
  if (v.filled_for == q && v.typing) return;  // the reader's keystrokes win
  const quiz::Answer* a = m.answer(q);
  if (v.filled_for != q) v.focus_field = true;
  std::snprintf(v.answer, sizeof v.answer, "%s", a ? a->text.c_str() : "");
  std::snprintf(v.explanation, sizeof v.explanation, "%s", a ? a->explanation.c_str() : "");
  v.filled_for = q;
}

// A text field for the answer; true when Enter was pressed in it.
bool answer_field(QuizModel& m, QuizView& v, size_t q, bool lines, const char* hint, const ViewContext& ctx) {
  if (m.submitted(q)) {
    ImGui::TextDisabled("Your answer:");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", v.answer[0] ? quiz_text(v.answer).c_str() : "(none)");
    return false;
  }
  if (v.focus_field) {
    // The view's window first: keyboard focus only moves within the
    // focused window's scope.
    ImGui::SetWindowFocus();
    ImGui::SetKeyboardFocusHere();
  }
  v.focus_field = false;
  const ImGuiInputTextFlags fl = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
  bool enter;
  if (lines) {
    enter = ImGui::InputTextMultiline("##answer", v.answer, sizeof v.answer, ImVec2(-1, ImGui::GetTextLineHeight() * 4), fl);
  } else {
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * ctx.scale));
    enter = ImGui::InputTextWithHint("##answer", hint, v.answer, sizeof v.answer, fl);
  }
  if (ImGui::IsItemEdited()) m.set_text(q, v.answer);
  v.typing = v.typing || ImGui::IsItemActive();
  return enter;
}

void draw_question(QuizModel& m, QuizView& v, size_t q, float tap, const ViewContext& ctx) {
  const Palette& pal = palette(ctx.dark);
  const quiz::Question& qu = m.question(q);
  const bool done = m.submitted(q);
  if (const std::string* mp = m.multipart_context(q)) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
    ImGui::TextWrapped("%s", quiz_text(*mp).c_str());
    ImGui::PopStyleColor();
  }
  const char* kind = qu.type == Type::ShortAnswer ? "type a short answer"
                     : qu.type == Type::Tracing   ? "read the program"
                     : qu.select_all              ? "select all that apply"
                                                  : "pick one";
  ImGui::TextDisabled("Question %zu of %zu: %s", q + 1, m.count(), kind);
  if (!qu.prompt.empty()) ImGui::TextWrapped("%s", quiz_text(qu.prompt).c_str());
  if (qu.type == Type::Tracing) {
    if (qu.prompt.empty()) ImGui::TextWrapped("Does this program compile? If it does, what does it print?");
    program_block(quiz_text(qu.program), ctx);
  }
  if (qu.prompt_explanation) {
    ImGui::TextWrapped("First, in a sentence: why? (your own words, before you answer)");
    if (done) {
      ImGui::TextDisabled("%s", quiz_text(v.explanation).c_str());
    } else {
      ImGui::InputTextMultiline("##why", v.explanation, sizeof v.explanation, ImVec2(-1, ImGui::GetTextLineHeight() * 3));
      if (ImGui::IsItemEdited()) m.set_explanation(q, v.explanation);
      v.typing = v.typing || ImGui::IsItemActive();
    }
  }
  bool enter = false;
  switch (qu.type) {
    case Type::MultipleChoice: {
      const auto& order = m.order(q);
      for (size_t k = 0; k < order.size(); ++k) {
        const uint32_t o = order[k];
        const bool on = m.chosen(q, o), right = qu.is_correct_option(o);
        const Mark mark = !done ? Mark::None : right ? (on ? Mark::Right : Mark::Missed) : (on ? Mark::Wrong : Mark::None);
        if (option_row(int(k), quiz_text(qu.options[o]), on, qu.select_all, mark, tap, ctx) && !done)
          m.choose(q, o, qu.select_all ? !on : true);
      }
      break;
    }
    case Type::ShortAnswer:
      enter = answer_field(m, v, q, qu.response != quiz::Response::Short, "your answer", ctx);
      break;
    case Type::Tracing: {
      const quiz::Answer* a = m.answer(q);
      const bool compiles = !a || a->does_compile;
      if (option_row(0, "It compiles", compiles, false, Mark::None, tap, ctx) && !done) m.set_compiles(q, true);
      if (option_row(1, "It does not compile", !compiles, false, Mark::None, tap, ctx) && !done) m.set_compiles(q, false);
      if (compiles) {
        ImGui::TextUnformatted("What does it print?");
        enter = answer_field(m, v, q, false, "its output", ctx);
      } else if (!done) {
        int line = a && a->line_number > 0 ? a->line_number : 0;
        ImGui::SetNextItemWidth(120 * ctx.scale);
        if (ImGui::InputInt("line of the error (optional, 0 = none)", &line)) m.set_line(q, line > 0 ? line : -1);
      }
      if (done) {
        ImGui::TextDisabled("Expected: %s", qu.does_compile ? ("prints \"" + quiz_text(qu.expected_stdout) + "\"").c_str()
                                                            : "does not compile");
      }
      break;
    }
  }
  if (done) return;
  if (enter && m.can_submit(q)) m.submit(q);
  ImGui::BeginDisabled(!m.can_submit(q));
  if (ImGui::Button("Check answer", ImVec2(0, tap))) m.submit(q);
  ImGui::EndDisabled();
  if (m.needs_explanation(q)) {
    ImGui::SameLine();
    ImGui::TextDisabled("write your sentence first");
  } else if (qu.type == Type::ShortAnswer && ctx.compact) {
    // Phones get no keyboard for ImGui fields: let them see the answer.
    ImGui::SameLine();
    if (ImGui::Button("Show the answer", ImVec2(0, tap))) {
      m.set_text(q, "-");
      m.submit(q);
    }
    tip("Counts as missed; retry it later");
  }
}

}  // namespace

void quiz_view(QuizModel& m, QuizView& v, const ViewContext& ctx) {
  if (m.count() == 0) return;
  const size_t q = m.current();
  const float tap = ctx.compact ? 44 * ctx.scale : ImGui::GetFrameHeight() + 6 * ctx.scale;
  // Keys, unless a text field has them.
  if (!ImGui::GetIO().WantTextInput && !v.typing) {
    const auto& order = m.order(q);
    for (int k = 0; k < 9 && k < int(order.size()); ++k) {
      if (!ImGui::IsKeyPressed(ImGuiKey(ImGuiKey_1 + k), false)) continue;
      if (m.question(q).type == Type::MultipleChoice) m.choose(q, order[size_t(k)], !(m.question(q).select_all && m.chosen(q, order[size_t(k)])));
      if (m.question(q).type == Type::Tracing && k < 2) m.set_compiles(q, k == 0);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) {
      if (m.can_submit(q)) m.submit(q);
      else if (m.submitted(q)) m.next();
    }
    claim_key(ImGuiKey_RightArrow);
    claim_key(ImGuiKey_LeftArrow);
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) m.next();
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) m.prev();
  }
  const size_t cur = m.current();
  sync_buffers(m, v, cur);
  v.typing = false;
  quiz_header(m, tap, ctx);
  ImGui::Separator();
  draw_question(m, v, cur, tap, ctx);
  quiz_after(m, cur, tap, ctx);
}

ViewEntry quiz_view_entry() { return view<QuizModel, QuizView, quiz_view>(quiz_scene()); }

}  // namespace dsviz::ui
