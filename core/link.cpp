#include "link.h"

#include <unordered_map>

#include "registry.h"

namespace dsviz {

std::string url_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_seconds(Time t) {
  const bool neg = t < 0;
  const uint64_t a = neg ? uint64_t(0) - uint64_t(t) : uint64_t(t);
  std::string s = (neg ? "-" : "") + std::to_string(a / uint64_t(kSec));
  uint64_t frac = a % uint64_t(kSec);
  if (frac) {
    std::string f = std::to_string(frac);
    f = std::string(9 - f.size(), '0') + f;
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

bool parse_seconds(std::string_view s, Time& out) {
  // Digits, then optionally '.' and 1 to 9 digits: integer arithmetic only,
  // so the nanosecond count is exact.
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  uint64_t sec = 0;
  if (whole.empty() || whole.size() > 10 || !parse_seed(whole, sec)) return false;
  uint64_t ns = 0;
  if (dot != std::string_view::npos) {
    const std::string_view frac = s.substr(dot + 1);
    if (frac.empty() || frac.size() > 9) return false;
    for (size_t i = 0; i < 9; ++i) {
      const char c = i < frac.size() ? frac[i] : '0';
      if (c < '0' || c > '9') return false;
      ns = ns * 10 + uint64_t(c - '0');
    }
  }
  // 9'000'000'000 s is 285 years: past that it would not fit Time.
  if (sec > 9'000'000'000ULL) return false;
  out = Time(sec * uint64_t(kSec) + ns);
  return true;
}

namespace {

struct Pair {
  std::string key, value;
};

std::vector<Pair> split_query(std::string_view q, Notices& notices) {
  if (!q.empty() && q[0] == '?') q.remove_prefix(1);
  if (q.size() > kMaxQueryChars) {
    notices.add("The address is " + std::to_string(q.size()) + " characters long: only the first " +
                std::to_string(kMaxQueryChars) + " are read.");
    q = q.substr(0, kMaxQueryChars);
    const size_t amp = q.rfind('&');
    q = q.substr(0, amp == std::string_view::npos ? 0 : amp);
  }
  std::vector<Pair> out;
  size_t skipped = 0;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (pair.empty()) continue;
    if (out.size() == kMaxQueryPairs) {
      ++skipped;
      continue;
    }
    const size_t eq = pair.find('=');
    out.push_back({url_decode(pair.substr(0, eq)),
                   eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1))});
  }
  if (skipped)
    notices.add("The address has " + std::to_string(out.size() + skipped) + " parts: only the first " +
                std::to_string(kMaxQueryPairs) + " are read.");
  return out;
}

std::string quoted(std::string_view s) { return "'" + quote_text(s) + "'"; }

// The model's range message for a refused value, or "" when `v` is valid.
std::string refusal(const Model& shape, size_t index, double v) {
  std::string err;
  if (shape.check(index, v, &err)) return "";
  return err;
}

// One entry of `in`; "" when fine, else what is wrong with it.
std::string parse_input(std::string_view e, const Model& shape,
                        const std::unordered_map<std::string_view, size_t>& keys, Model::Input& in) {
  const size_t colon = e.find(':');
  if (colon == std::string_view::npos) return "no ':' after the time";
  std::string_view when = e.substr(0, colon), body = e.substr(colon + 1);
  in = Model::Input{};
  in.events = Model::kAnyEvents;
  in.settled = true;
  const size_t at = when.find('@');
  if (at != std::string_view::npos) {
    if (!parse_seed(when.substr(at + 1), in.events) || in.events == Model::kAnyEvents)
      return "the event count after '@' is not a whole number";
    in.settled = false;
    when = when.substr(0, at);
  }
  if (!parse_seconds(when, in.at)) return "the time is not seconds like 12.5 (up to 9 decimals)";
  const size_t eq = body.find('=');
  if (eq != std::string_view::npos) {
    const auto k = keys.find(body.substr(0, eq));
    if (k == keys.end()) return "the scene has no setting " + quoted(body.substr(0, eq));
    if (!parse_number(body.substr(eq + 1), in.value)) return std::string("the value is not ") + kNumberForm;
    const std::string why = refusal(shape, k->second, in.value);
    if (!why.empty()) return why;
    in.kind = Model::kSetParam;
    in.arg = k->second;
    return "";
  }
  const size_t colon2 = body.find(':');
  uint64_t kind = 0;
  if (!parse_seed(body.substr(0, colon2), kind) || kind >= shape.command_kinds())
    return shape.command_kinds() == 0
               ? "the scene takes no commands"
               : "the command is not a number from 0 to " + std::to_string(shape.command_kinds() - 1);
  in.kind = uint32_t(kind);
  if (colon2 != std::string_view::npos && !parse_seed(body.substr(colon2 + 1), in.arg))
    return "the command's argument is not a whole number";
  return "";
}

void parse_inputs(std::string_view list, const Model& shape, Link& link) {
  std::unordered_map<std::string_view, size_t> keys;
  for (size_t i = 0; i < shape.params().size(); ++i) keys.emplace(shape.params()[i].key, i);
  size_t n = 0;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view e = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    ++n;
    const std::string keep = n == 1 ? "the run starts without them" : "keeping the first " + std::to_string(n - 1);
    if (link.inputs.size() == kMaxLinkInputs) {
      link.notices.add("The address has more than " + std::to_string(kMaxLinkInputs) + " inputs: " + keep + ".");
      return;
    }
    Model::Input in;
    std::string why = parse_input(e, shape, keys, in);
    if (why.empty() && !link.inputs.empty()) {
      const Model::Input& prev = link.inputs.back();
      if (in.at < prev.at) why = "it comes before the input ahead of it";
      else if (!in.settled && !prev.settled && in.events < prev.events) why = "its event count is below the one ahead of it";
    }
    if (!why.empty()) {
      link.notices.add("Input " + std::to_string(n) + " of the address (" + quoted(e) + ") is refused: " + why + "; " +
                       keep + ".");
      return;
    }
    link.inputs.push_back(in);
  }
}

}  // namespace

const Model& LinkShapes::of(const SceneInfo& info) {
  for (const auto& [i, m] : built_)
    if (i == &info) return *m;
  built_.emplace_back(&info, info.make());
  return *built_.back().second;
}

Link parse_link(std::string_view query) {
  LinkShapes shapes;
  return parse_link(query, shapes);
}

Link parse_link(std::string_view query, LinkShapes& shapes) {
  Link link;
  const std::vector<Pair> pairs = split_query(query, link.notices);
  // The scene first, wherever it is: the settings are the scene's.
  const SceneInfo* info = nullptr;
  for (const Pair& p : pairs) {
    if (p.key != "scene") continue;
    link.scene_named = true;
    if (info || !link.scene.empty()) {
      if (p.value != link.scene) link.notices.add("'scene' is given more than once: keeping '" + link.scene + "'.");
      continue;
    }
    info = find_scene(p.value);
    if (!info && !scenes().empty()) {
      info = &scenes().front();
      link.notices.add("There is no scene " + quoted(p.value) + ": showing '" + info->title + "' instead.");
    }
    if (info) link.scene = info->id;
  }
  if (!info) {
    if (scenes().empty()) return link;
    info = &scenes().front();
    link.scene = info->id;
  }
  // One model of the scene checks every value (Model::check: its run is
  // never touched, so parsing costs at most one model's construction).
  const Model& shape = shapes.of(*info);
  const std::vector<Param>& params = shape.params();
  std::vector<int> have(params.size(), 0);  // 1: a valid value is kept
  bool have_seed = false, have_inputs = false;
  for (const Pair& p : pairs) {
    if (p.key == "scene") continue;
    if (p.key == "seed") {
      uint64_t s;
      const bool ok = parse_seed(p.value, s);
      if (ok && !have_seed) {
        link.seed = s;
        have_seed = true;
      } else if (ok && s != link.seed) {
        link.notices.add("'seed' is given more than once: keeping " + std::to_string(link.seed) + ".");
      } else if (!ok) {
        link.notices.add("Seed " + quoted(p.value) + " is not " + kSeedForm + ": " +
                         (have_seed ? "keeping " : "using seed ") + std::to_string(link.seed) + ".");
      }
      continue;
    }
    if (p.key == "in") {
      if (have_inputs) {
        link.notices.add("'in' is given more than once: keeping the first list of inputs.");
        continue;
      }
      have_inputs = true;
      parse_inputs(p.value, shape, link);
      continue;
    }
    size_t index = params.size();
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].key == p.key) index = i;
    if (index == params.size()) {
      link.other.emplace_back(p.key, p.value);  // the host page's, or another scene's
      continue;
    }
    const Param& par = params[index];
    // What stays when this value is refused: an earlier value, else the default.
    auto kept = [&]() {
      if (have[index]) {
        for (const auto& [i, v] : link.settings)
          if (i == index) return "keeping " + format_number(v) + ".";
      }
      return "using its default (" + format_number(par.def) + ").";
    };
    double v;
    if (!parse_number(p.value, v)) {
      link.notices.add("Setting '" + par.key + "' wants " + kNumberForm + ", got " + quoted(p.value) + ": " + kept());
      continue;
    }
    const std::string why = refusal(shape, index, v);
    if (!why.empty()) {
      link.notices.add("Setting " + why + ": " + kept());
      continue;
    }
    if (have[index]) {
      if (kept() != "keeping " + format_number(v) + ".")
        link.notices.add("Setting '" + par.key + "' is given more than once: " + kept());
      continue;
    }
    have[index] = 1;
    link.settings.emplace_back(index, v);
  }
  return link;
}

void apply_link(Model& m, const Link& link) {
  for (const auto& [i, v] : link.settings) m.set(m.params()[i].key, v);
  m.reset(link.seed);
  m.load_inputs(link.inputs);
}

std::unique_ptr<Model> make_linked_model(const Link& link) {
  const SceneInfo* info = find_scene(link.scene);
  if (!info) return nullptr;
  std::unique_ptr<Model> m = info->make();
  apply_link(*m, link);
  return m;
}

static std::string format_input(const Model& m, const Model::Input& in) {
  std::string s = format_seconds(in.at);
  if (!in.settled) s += "@" + std::to_string(in.events);
  if (in.kind == Model::kSetParam) return s + ":" + m.params()[in.arg].key + "=" + format_number(in.value);
  s += ":" + std::to_string(in.kind);
  if (in.arg) s += ":" + std::to_string(in.arg);
  return s;
}

LinkText format_link(std::string_view scene_id, const Model& m, size_t max_chars) {
  auto build = [&](bool with_inputs) {
    LinkText t;
    t.pairs.emplace_back("scene", std::string(scene_id));
    t.pairs.emplace_back("seed", m.seed() == 1 ? "" : std::to_string(m.seed()));
    const auto& params = m.params();
    for (size_t i = 0; i < params.size(); ++i) {
      // With its inputs the link starts from the run's first settings;
      // without, from those on screen now.
      const double v = with_inputs ? m.start_value(i) : m.param(i);
      t.pairs.emplace_back(params[i].key, v == params[i].def ? "" : format_number(v));
    }
    std::string in;
    // A command the scene does not take by number (the quiz's answers are
    // the reader's, kept apart from the run) would only be refused by
    // parse_link: it stays out of the link.
    if (with_inputs)
      for (const Model::Input& x : m.input_log())
        if (x.kind == Model::kSetParam || x.kind < m.command_kinds()) in += (in.empty() ? "" : ",") + format_input(m, x);
    t.pairs.emplace_back("in", in);
    for (const auto& [k, v] : t.pairs)
      if (!v.empty()) t.query += (t.query.empty() ? "" : "&") + k + "=" + v;
    return t;
  };
  LinkText t = build(true);
  if (t.query.size() > max_chars || m.input_log().size() > kMaxLinkInputs) {
    t = build(false);
    t.inputs_dropped = true;
  }
  return t;
}

}  // namespace dsviz
