// The tour reader on the core's TOML reader (core/toml_reader.h, as the
// quiz's) and the player that walks a tour on a model.
#include "tour.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "link.h"
#include "parse.h"
#include "registry.h"
#include "targets.h"

#include "toml_reader.h"

namespace dsviz::tour {

std::string format_problem(const Problem& p) { return std::to_string(p.line) + ": " + p.message; }

namespace {

uint32_t line_of(const toml::Value& n) { return n.pos.line; }

constexpr size_t kMaxCaptionChars = 600;

struct Reader {
  std::vector<Problem>& problems;
  void error(uint32_t line, std::string msg) { problems.push_back({line, std::move(msg)}); }

  // A string field; false when absent. Present but not a string: an error.
  bool str(const toml::Value& t, const char* key, std::string& out, uint32_t& line) {
    const toml::Value* n = t.get(key);
    if (!n) return false;
    line = line_of(*n);
    if (!n->is_string()) {
      error(line, std::string("'") + key + "' must be a string");
      return false;
    }
    out = n->str;
    return true;
  }

  void unknown_keys(const toml::Value& t, std::initializer_list<const char*> known, const char* where) {
    for (const toml::Entry& e : t.entries) {
      bool ok = false;
      for (const char* x : known) ok |= e.key == x;
      if (ok) continue;
      std::string names;
      for (const char* x : known) names += std::string(names.empty() ? "" : ", ") + x;
      error(e.key_pos.line, "unknown key '" + e.key + "' " + where + " (keys: " + names + ")");
    }
  }
};

// Settings and commands in deep-link form, read by core/link's parser: every
// notice it has is a refusal here (a tour is checked, not guessed at).
bool parse_actions(std::string_view scene, const Model& shape, std::string_view text, const char* field,
                   Actions& out, std::string& why) {
  out = Actions{};
  std::string_view rest = text;
  while (!rest.empty()) {  // keys the link parser would take from the tour itself
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::string key = url_decode(pair.substr(0, pair.find('=')));
    if (key == "scene") {
      why = std::string("'") + field + "' cannot name a scene (the tour's scene is set at its top)";
      return false;
    }
    if (key == "seed") {
      why = std::string("'") + field + "' cannot set a seed (put 'seed' at the top of the tour)";
      return false;
    }
    if (pair.find('=') == std::string_view::npos && !pair.empty()) {
      why = std::string("'") + field + "': '" + quote_text(pair) + "' has no '=value'";
      return false;
    }
  }
  const Link l = parse_link("scene=" + std::string(scene) + "&" + std::string(text));
  const std::vector<std::string> lines = l.notices.lines();
  if (!lines.empty()) {
    // The link parser says what the page does next ("using its default",
    // "the run starts without them"): a tour is refused instead.
    std::string line = lines.front();
    for (const char* tail : {": using its default", ": keeping ", "; the run starts without", "; keeping the first"}) {
      const size_t at = line.find(tail);
      if (at != std::string::npos) line = line.substr(0, at);
    }
    why = std::string("'") + field + "': " + line;
    return false;
  }
  if (!l.other.empty()) {
    std::string keys;
    for (const Param& p : shape.params()) keys += (keys.empty() ? "" : ", ") + p.key;
    why = std::string("'") + field + "': scene '" + std::string(scene) + "' has no setting '" +
          quote_text(l.other.front().first) + "' (settings: " + keys + "; commands go in in=)";
    return false;
  }
  for (const Model::Input& in : l.inputs)
    if (!in.settled) {
      why = std::string("'") + field + "': an input's '@events' has no meaning in a tour (times count from the step's start)";
      return false;
    }
  out.settings = l.settings;
  out.inputs = l.inputs;
  return true;
}

bool parse_op(std::string_view s, size_t& i, Advance::Op& op) {
  auto two = [&](const char* t) { return s.substr(i, 2) == t; };
  if (two(">=")) { op = Advance::Op::Ge; i += 2; return true; }
  if (two("<=")) { op = Advance::Op::Le; i += 2; return true; }
  if (two("==")) { op = Advance::Op::Eq; i += 2; return true; }
  if (two("!=")) { op = Advance::Op::Ne; i += 2; return true; }
  if (two("+=")) { op = Advance::Op::Rise; i += 2; return true; }
  if (s.substr(i, 1) == ">") { op = Advance::Op::Gt; i += 1; return true; }
  if (s.substr(i, 1) == "<") { op = Advance::Op::Lt; i += 1; return true; }
  return false;
}

constexpr const char* kAdvanceForms =
    "'next', 'metric:<key><op><number>', 'setting:<key><op><number>' or 'command:<number>' (op: >= > <= < == !=, "
    "or += for a metric that grows by that much during the step)";

bool parse_advance(std::string_view text, const Model& shape, const std::vector<Metric>& metrics, Advance& a,
                   std::string& why) {
  a = Advance{};
  a.text = std::string(text);
  if (text == "next") return true;
  const size_t colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  const std::string_view body = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (kind == "command") {
    uint64_t k = 0;
    if (!parse_seed(body, k) || k >= shape.command_kinds()) {
      why = shape.command_kinds() == 0 ? "advance '" + quote_text(text) + "': the scene takes no commands"
                                       : "advance '" + quote_text(text) + "': the command is not a number from 0 to " +
                                             std::to_string(shape.command_kinds() - 1);
      return false;
    }
    a.kind = Advance::Kind::Command;
    a.command = uint32_t(k);
    return true;
  }
  if (kind != "metric" && kind != "setting") {
    why = "advance '" + quote_text(text) + "' is not " + kAdvanceForms;
    return false;
  }
  size_t i = 0;
  while (i < body.size() && body[i] != '>' && body[i] != '<' && body[i] != '=' && body[i] != '!' && body[i] != '+') ++i;
  a.key = std::string(body.substr(0, i));
  if (!parse_op(body, i, a.op)) {
    why = "advance '" + quote_text(text) + "' has no comparison: it must be " + kAdvanceForms;
    return false;
  }
  if (!parse_number(body.substr(i), a.value)) {
    why = "advance '" + quote_text(text) + "': the threshold is not " + kNumberForm;
    return false;
  }
  if (kind == "setting" && a.op == Advance::Op::Rise) {
    why = "advance '" + quote_text(text) + "': '+=' is for metrics; compare a setting with >= > <= < == !=";
    return false;
  }
  if (kind == "metric") {
    a.kind = Advance::Kind::Metric;
    std::string keys;
    for (const Metric& m : metrics) {
      if (m.key == a.key) return true;
      keys += (keys.empty() ? "" : ", ") + m.key;
    }
    why = "advance '" + quote_text(text) + "': the scene has no metric '" + quote_text(a.key) + "' (metrics: " + keys + ")";
    return false;
  }
  a.kind = Advance::Kind::Setting;
  std::string keys;
  for (const Param& p : shape.params()) {
    if (p.key == a.key) return true;
    keys += (keys.empty() ? "" : ", ") + p.key;
  }
  why = "advance '" + quote_text(text) + "': the scene has no setting '" + quote_text(a.key) + "' (settings: " + keys + ")";
  return false;
}

bool compare(double x, Advance::Op op, double v) {
  switch (op) {
    case Advance::Op::Ge: return x >= v;
    case Advance::Op::Gt: return x > v;
    case Advance::Op::Le: return x <= v;
    case Advance::Op::Lt: return x < v;
    case Advance::Op::Eq: return x == v;
    case Advance::Op::Ne: return x != v;
    case Advance::Op::Rise: return false;  // needs the baseline: advance_met
  }
  return false;
}

const char* op_text(Advance::Op op) {
  switch (op) {
    case Advance::Op::Ge: return ">=";
    case Advance::Op::Gt: return ">";
    case Advance::Op::Le: return "<=";
    case Advance::Op::Lt: return "<";
    case Advance::Op::Eq: return "=";
    case Advance::Op::Ne: return "!=";
    case Advance::Op::Rise: return "grows by";
  }
  return "?";
}

}  // namespace

bool parse_tour(std::string_view text, Tour& out, std::vector<Problem>& problems) {
  out = Tour{};
  const size_t before = problems.size();
  Reader r{problems};
  if (text.size() > kMaxTourBytes) {
    r.error(1, "the file is " + std::to_string(text.size()) + " bytes: a tour has at most " +
                   std::to_string(kMaxTourBytes));
    return false;
  }
  toml::Value top;
  toml::Error syntax;
  if (!toml::parse(text, top, syntax)) {
    r.error(syntax.pos.line, "TOML syntax: " + syntax.message);
    return false;
  }
  r.unknown_keys(top, {"scene", "title", "seed", "step"}, "at the top");
  std::string scene;
  uint32_t scene_line = 1;
  if (!r.str(top, "scene", scene, scene_line)) {
    if (!top.get("scene")) r.error(1, "missing 'scene' (the scene's id, e.g. scene = \"unity\")");
    return false;
  }
  const SceneInfo* info = find_scene(scene);
  if (!info) {
    std::string ids;
    for (const SceneInfo& s : scenes()) ids += (ids.empty() ? "" : ", ") + std::string(s.id);
    r.error(scene_line, "unknown scene '" + quote_text(scene) + "' (scenes: " + ids + ")");
    return false;
  }
  out.scene = info->id;
  uint32_t line = 0;
  r.str(top, "title", out.title, line);
  if (const toml::Value* s = top.get("seed")) {
    if (!s->is_integer() || s->integer < 0) r.error(line_of(*s), "'seed' must be a whole number from 0 up");
    else out.seed = uint64_t(s->integer);
  }
  const std::unique_ptr<Model> shape = info->make();
  // The metric keys, asked for only when a step advances on a metric:
  // a fresh model's metrics() can cost (scaling's finishes its capacity
  // sweep: ~0.4 s in the browser, in the frame that opened the scene).
  std::vector<Metric> metrics;
  bool have_metrics = false;

  const toml::Value* steps = top.get("step");
  if (!steps) {
    r.error(1, "no steps: add [[step]] tables");
    return false;
  }
  const bool all_tables = std::all_of(steps->items.begin(), steps->items.end(),
                                      [](const toml::Value& v) { return v.is_table(); });
  if (!steps->is_array() || steps->items.empty() || !all_tables) {
    r.error(line_of(*steps), "'step' must be an array of tables: write each step as [[step]]");
    return false;
  }
  const std::vector<toml::Value>& arr = steps->items;
  if (arr.size() < kMinSteps || arr.size() > kMaxSteps) {
    r.error(line_of(*steps), "a tour has 1 to " + std::to_string(kMaxSteps) + " steps, this one " +
                                 std::to_string(arr.size()));
  }
  for (size_t i = 0; i < arr.size() && i < kMaxSteps; ++i) {
    const toml::Value& t = arr[i];
    Step st;
    st.line = line_of(t);
    const std::string n = "step " + std::to_string(i + 1);
    r.unknown_keys(t, {"caption", "setup", "highlight", "advance", "do", "waiting"}, "in a step");
    uint32_t at = st.line;
    if (!r.str(t, "caption", st.caption, at)) {
      if (!t.get("caption")) r.error(st.line, n + ": missing 'caption'");
    } else if (st.caption.find_first_not_of(" \t\r\n") == std::string::npos) {
      r.error(at, n + ": the caption is empty");
    } else if (st.caption.size() > kMaxCaptionChars) {
      r.error(at, n + ": the caption is " + std::to_string(st.caption.size()) + " characters: keep it under " +
                      std::to_string(kMaxCaptionChars) + " (one to three sentences)");
    }
    std::string why;
    if (r.str(t, "setup", st.setup_text, at) && !parse_actions(out.scene, *shape, st.setup_text, "setup", st.setup, why))
      r.error(at, n + ": " + why);
    if (r.str(t, "highlight", st.highlight, at)) {
      const std::string bad = check_target(out.scene, *shape, st.highlight);
      if (!bad.empty()) r.error(at, n + ": " + bad);
    }
    std::string adv = "next";
    uint32_t adv_line = st.line;
    r.str(t, "advance", adv, adv_line);
    if (!have_metrics && adv.rfind("metric:", 0) == 0) {
      shape->metrics(metrics);
      have_metrics = true;
    }
    const bool advance_ok = parse_advance(adv, *shape, metrics, st.advance, why);
    if (!advance_ok) r.error(adv_line, n + ": " + why);
    why.clear();
    const bool has_do = r.str(t, "do", st.act_text, at);
    if (has_do && !parse_actions(out.scene, *shape, st.act_text, "do", st.act, why)) r.error(at, n + ": " + why);
    if (has_do && st.act.empty() && why.empty()) r.error(at, n + ": 'do' is empty");
    if (advance_ok && st.advance.kind == Advance::Kind::Next && has_do)
      r.error(at, n + ": 'do' is for a step that waits for the reader; this one advances on Next");
    if (advance_ok && st.advance.kind != Advance::Kind::Next && !has_do && !t.get("do"))
      r.error(adv_line, n + ": a step that waits for the reader needs 'do': what it asks, in link form (the 'Do it for me' button)");
    r.str(t, "waiting", st.waiting, at);
    out.steps.push_back(std::move(st));
  }
  if (problems.size() != before) {
    // By line, ties in the order found: a sort of (line, index) keys (as
    // parse_quiz does: no stable_sort instantiated for Problem).
    std::vector<uint64_t> keys;
    for (size_t i = before; i < problems.size(); ++i) keys.push_back(uint64_t(problems[i].line) << 32 | (i - before));
    std::sort(keys.begin(), keys.end());
    std::vector<Problem> found;
    for (uint64_t k : keys) found.push_back(std::move(problems[before + (k & 0xFFFFFFFF)]));
    std::move(found.begin(), found.end(), problems.begin() + long(before));
    out = Tour{};
    return false;
  }
  return true;
}

bool advance_met(const Advance& a, const Model& m, size_t since, double* current, double baseline) {
  if (current) *current = NAN;
  switch (a.kind) {
    case Advance::Kind::Next: return false;
    case Advance::Kind::Metric: {
      std::vector<Metric> ms;
      m.metrics(ms);
      for (const Metric& x : ms)
        if (x.key == a.key) {
          if (current) *current = x.value;
          if (a.op == Advance::Op::Rise) return x.value - baseline >= a.value;
          return compare(x.value, a.op, a.value);
        }
      return false;
    }
    case Advance::Kind::Setting: {
      const double v = m.get(a.key);
      if (current) *current = v;
      return compare(v, a.op, a.value);
    }
    case Advance::Kind::Command: {
      const auto& log = m.input_log();
      for (size_t i = since; i < m.inputs_applied() && i < log.size(); ++i)
        if (log[i].kind == a.command) return true;
      return false;
    }
  }
  return false;
}

std::string describe(const Advance& a) {
  switch (a.kind) {
    case Advance::Kind::Next: return "Next";
    case Advance::Kind::Command: return "command " + std::to_string(a.command);
    default: return a.key + " " + op_text(a.op) + " " + format_number(a.value);
  }
}

void apply_now(Model& m, const Actions& a) {
  for (const auto& [i, v] : a.settings) m.set(m.params()[i].key, v);
  for (const Model::Input& in : a.inputs) {
    if (in.kind == Model::kSetParam) m.set(m.params()[in.arg].key, in.value);
    else m.issue_command(in.kind, in.arg);
  }
}

void Player::jump(Model& m, size_t k) {
  if (!tour_ || tour_->steps.empty()) return;
  if (k >= tour_->steps.size()) k = tour_->steps.size() - 1;
  for (const Param& p : m.params()) m.set(p.key, p.def);
  // Every setup's settings first, so the run starts once with them all.
  for (size_t i = 0; i <= k; ++i) {
    for (const auto& [idx, v] : tour_->steps[i].setup.settings) m.set(m.params()[idx].key, v);
    if (i < k)
      for (const auto& [idx, v] : tour_->steps[i].act.settings) m.set(m.params()[idx].key, v);
  }
  m.reset(tour_->seed);
  for (size_t i = 0; i < k; ++i) {
    Actions cmds;
    cmds.inputs = tour_->steps[i].setup.inputs;
    apply_now(m, cmds);
    cmds.inputs = tour_->steps[i].act.inputs;
    apply_now(m, cmds);
  }
  step_ = k;
  enter(m, tour_->steps[k].setup, true);
}

void Player::enter(Model& m, const Actions& a, bool commands_only) {
  if (!commands_only)
    for (const auto& [i, v] : a.settings) m.set(m.params()[i].key, v);
  start_ = m.now();
  since_ = m.inputs_applied();
  pending_ = a.inputs;
  issue_due(m);
  // Inputs the step itself issued do not count as the reader's doing,
  // nor what the counters held before it.
  since_ = m.inputs_applied();
  baseline_ = 0;
  const Advance& adv = tour_->steps[step_].advance;
  if (adv.kind == Advance::Kind::Metric && adv.op == Advance::Op::Rise) {
    double v = NAN;
    advance_met(adv, m, since_, &v);
    if (std::isfinite(v)) baseline_ = v;
  }
}

void Player::issue_due(Model& m) {
  size_t done = 0;
  while (done < pending_.size() && pending_[done].at <= m.now() - start_) {
    const Model::Input& in = pending_[done];
    if (in.kind == Model::kSetParam) m.set(m.params()[in.arg].key, in.value);
    else m.issue_command(in.kind, in.arg);
    ++done;
  }
  pending_.erase(pending_.begin(), pending_.begin() + long(done));
  // A setting that rebuilt the run took time back: what is left comes due
  // counted from the new start.
  if (m.now() < start_) start_ = m.now();
}

bool Player::next(Model& m) {
  if (!tour_ || step_ + 1 >= tour_->steps.size()) return false;
  ++step_;
  enter(m, tour_->steps[step_].setup, false);
  return true;
}

bool Player::prev(Model& m) {
  if (!tour_ || step_ == 0) return false;
  jump(m, step_ - 1);
  return true;
}

void Player::act(Model& m) {
  if (!tour_) return;
  apply_now(m, tour_->steps[step_].act);
}

bool Player::update(Model& m) {
  if (!tour_) return false;
  const size_t before = m.inputs_applied();
  issue_due(m);
  if (m.inputs_applied() != before && since_ == before) since_ = m.inputs_applied();
  if (m.inputs_applied() < since_) since_ = m.inputs_applied();  // scrubbed back before the step
  const Advance& a = tour_->steps[step_].advance;
  if (a.kind == Advance::Kind::Metric && a.op == Advance::Op::Rise) {
    // A counter below where it was: the run restarted or went back.
    double v = NAN;
    advance_met(a, m, since_, &v);
    if (std::isfinite(v) && v < baseline_) baseline_ = v;
  }
  return met(m);
}

bool Player::met(const Model& m, double* current) const {
  if (!tour_) return false;
  return advance_met(tour_->steps[step_].advance, m, since_, current, baseline_);
}

}  // namespace dsviz::tour
