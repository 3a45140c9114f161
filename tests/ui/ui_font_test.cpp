// The embedded font is a subset (web/CMakeLists.txt: fontTools keeps the
// code points of core/quiz/check.cpp's coverage list): every code point the
// quiz checker lets through must still have its own glyph in every size the
// app uses, or ImGui would draw its fallback box instead.
#include <doctest.h>

#include "imgui_internal.h"  // ImTextCharFromUtf8
#include "quiz/check.h"
#include "theme.h"
#include "ui_harness.h"

namespace dsviz::ui {
namespace {

TEST_CASE("the subset font has a glyph for every code point of the coverage list") {
  test::Headless h(800, 600);
  size_t checked = 0;
  for (ImFont* f : {fonts().body, fonts().title, fonts().small}) {
    REQUIRE(f != nullptr);
    for (const quiz::GlyphRange& r : quiz::font_coverage()) {
      for (char32_t c = r.first; c <= r.last; ++c) {
        CAPTURE(unsigned(c));
        const ImFontGlyph* g = f->FindGlyphNoFallback(ImWchar(c));
        REQUIRE(g != nullptr);
        if (c > U' ' && c < 0x7F) CHECK(g->Visible);  // ASCII letters, digits, punctuation: drawn
        ++checked;
      }
    }
  }
  CHECK(checked >= 3 * (95 + 96 + 128));  // at least Basic Latin, Latin-1 and Latin Extended-A in each size
}

TEST_CASE("text in French and the UI's symbols lays out without the fallback glyph") {
  test::Headless h(800, 600);
  ImFont* f = fonts().body;
  const ImFontGlyph* fallback = f->FallbackGlyph;
  // A sample of what the quizzes and views print: oe ligature, guillemets,
  // typographic quotes and dashes, arrows, math signs, the pointer, dot and square shapes.
  for (const char* s : {"c\xc5\x93ur", "\xc2\xab\xc2\xa0oui\xc2\xa0\xc2\xbb", "\xe2\x80\x99\xe2\x80\x94\xe2\x80\x93",
                        "\xe2\x86\x92\xe2\x86\x90", "\xc3\x97\xe2\x88\x92\xc2\xb5\xe2\x89\xa4\xe2\x89\xa5",
                        "\xe2\x80\xa6\xe2\x88\x9e\xe2\x89\x88", "\xe2\x96\xba\xe2\x97\x8f\xe2\x96\xa0"}) {
    CAPTURE(s);
    const char* p = s;
    while (*p) {
      unsigned int c = 0;
      p += ImTextCharFromUtf8(&c, p, nullptr);
      const ImFontGlyph* g = f->FindGlyph(ImWchar(c));
      CAPTURE(c);
      CHECK(g != fallback);
    }
  }
}

}  // namespace
}  // namespace dsviz::ui
