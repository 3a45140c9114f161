// "See it live": for each quiz question a scene can demonstrate, a deep link
// into that scene with settings that show it. Keyed by question id, so the
// English and French versions share them; covers dsviz's own quiz and the
// course's quiz (by its ids only). A link is a page query without '?':
// core/link.h's parse_link() reads it.
#pragma once
#include <span>
#include <string_view>

namespace dsviz::quiz {

struct LiveLink {
  const char* question_id;
  const char* link;     // "scene=unity&dependency_up=0"
  const char* caption;  // one line: what the reader will see there
};

std::span<const LiveLink> live_links();
// nullptr when no scene demonstrates that question.
const LiveLink* live_link(std::string_view question_id);

}  // namespace dsviz::quiz
