// Text checks the quiz parser runs before and after reading the TOML: UTF-8
// validity, and the code points the app's font can draw. The font coverage
// table below is the one list: the app builds its glyph ranges from it and
// the check command reports anything outside it, so no glyph is ever drawn
// as "?" without the author having been told.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "quiz.h"

namespace dsviz::quiz {

struct GlyphRange {
  char32_t first, last;  // inclusive
};

// Code points the app's font (Liberation Sans, as embedded) draws, in
// ascending order: Basic Latin, Latin-1 Supplement, Latin Extended-A, the
// General Punctuation glyphs the font has (dashes, quotes, bullet,
// ellipsis, per mille, primes, guillemets), and a few symbols (euro,
// arrows, minus, infinity, almost equal, not equal, <= >=, the shapes the
// UI uses). Tab and newline are layout, not glyphs, and always allowed.
std::span<const GlyphRange> font_coverage();
bool font_covers(char32_t c);

// A short name for a code point in messages: "U+202F NARROW NO-BREAK SPACE"
// for the few a French author is likely to meet, else "U+xxxx".
std::string describe_code_point(char32_t c);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF). On failure, `bad` gets the line/column of the
// first offending byte.
bool valid_utf8(std::string_view text, Pos* bad = nullptr);

// Decodes one code point at text[i], advancing i; U+FFFD on a bad sequence.
char32_t next_code_point(std::string_view text, size_t& i);

// `text` made safe to draw with the app's font: the spaces it lacks (thin,
// narrow no-break, figure...) become U+00A0 or a space, and any other
// uncovered code point becomes U+25A1 (a white square: visible, never a
// silent "?"). Invalid UTF-8 bytes become U+25A1 too.
std::string displayable(std::string_view text);

}  // namespace dsviz::quiz
