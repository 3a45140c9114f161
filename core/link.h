// Deep links: a run as a URL query string and back. A run is its scene, its
// seed, its settings at the start and the reader's inputs at their moments,
// so the page, the desktop and `dsviz-cli run --link` rebuild the same run
// (same trace hash) from one address, read by the one parser below.
//
//   scene=unity&seed=7&nodes=8&in=12.5:1:3,20.25@4410:0,40:rate=40
//
// `in` lists inputs in time order: <seconds>[@<events before>]:<command>[:<arg>]
// or <seconds>[@<events before>]:<setting>=<value>. Numbers are written so
// they read back as the exact doubles the model used (core/parse.h).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.h"
#include "parse.h"
#include "scene.h"

namespace dsviz {

// What the parser reads of a query; the rest is ignored with a notice.
constexpr size_t kMaxQueryChars = 8192;
constexpr size_t kMaxQueryPairs = 64;
constexpr size_t kMaxLinkInputs = 1000;
// Past this a formatted link keeps the settings only (LinkText::inputs_dropped).
constexpr size_t kMaxLinkChars = 2000;

struct Link {
  std::string scene;  // a registered scene id (the first scene when the query names none or an unknown one)
  bool scene_named = false;  // the query had a scene key
  uint64_t seed = 1;
  // Settings at the start of the run, checked against the scene: (index, value).
  std::vector<std::pair<size_t, double>> settings;
  // The reader's inputs, checked against the scene and in time order.
  std::vector<Model::Input> inputs;
  // Keys the link does not use, decoded, in query order (embed, theme, the
  // host page's own keys, settings of other scenes): the caller's business.
  std::vector<std::pair<std::string, std::string>> other;
  // Bad parts of the query, one line each, for the reader.
  Notices notices;
};

// Never fails: whatever is wrong becomes a notice and the rest is used.
// A leading '?' is skipped. Values are %-decoded, '+' reads as a space.
Link parse_link(std::string_view query);

// Models that values are checked against (their settings' ranges; their
// runs are never touched), one per scene, built the first time a scene is
// asked for. Building a model costs far more than parsing a link (clocks
// allocates its message ring), so a caller that parses many links keeps one
// of these and passes it: the same parse, one model per scene in all.
class LinkShapes {
 public:
  const Model& of(const SceneInfo& info);

 private:
  std::vector<std::pair<const SceneInfo*, std::unique_ptr<Model>>> built_;
};
Link parse_link(std::string_view query, LinkShapes& shapes);

// Builds the run a link describes: a model of link.scene with its settings,
// reset with its seed and its inputs loaded (they happen as the run reaches
// them: run_until, run_for_events, step). Null only if the scene is unknown,
// which parse_link never returns.
std::unique_ptr<Model> make_linked_model(const Link& link);
// The same on a model the caller already has (of link.scene's type).
void apply_link(Model& m, const Link& link);

struct LinkText {
  // "scene=unity&seed=7&nodes=8&in=..." (no '?'): everything that differs
  // from a fresh scene, ready to put after '?'.
  std::string query;
  // The same as key/value pairs in that order, plus ("seed", "") and
  // (key, "") for settings at their default and ("in", "") when there are no
  // inputs: an empty value means "remove this key from the address".
  std::vector<std::pair<std::string, std::string>> pairs;
  // True when the inputs did not fit in max_chars: the link then carries the
  // settings on screen only (say so in a notice).
  bool inputs_dropped = false;
};
// The link to the run `m` (a model of scene `scene_id`) is on: its seed, its
// settings at the start and its whole input log (including inputs kept
// ahead of now after scrubbing back).
LinkText format_link(std::string_view scene_id, const Model& m, size_t max_chars = kMaxLinkChars);

// "%41" -> 'A', '+' -> ' ' (URL query decoding); bad escapes stay as they are.
std::string url_decode(std::string_view s);
// Seconds with up to 9 decimals, exactly: "12.5" <-> 12'500'000'000 ns.
std::string format_seconds(Time t);
bool parse_seconds(std::string_view text, Time& out);

}  // namespace dsviz
