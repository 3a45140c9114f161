// Deep links and the strict number reader: an address rebuilds the run it
// was made from (same trace hash), values read back as the exact doubles
// the model used, and bad or oversized queries end in a bounded list of
// notices instead of a stall.
#include <doctest.h>

#include <cmath>
#include <cstring>

#include "link.h"
#include "parse.h"
#include "registry.h"
#include "rng.h"

using namespace dsviz;

namespace {

bool has_notice(const Link& l, const std::string& part) {
  for (const std::string& n : l.notices.lines())
    if (n.find(part) != std::string::npos) return true;
  return false;
}

std::string all_notices(const Link& l) {
  std::string s;
  for (const std::string& n : l.notices.lines()) s += n + "\n";
  return s;
}

// A random valid value for p: whole numbers for integer settings, else any
// double in range (not a round one: the link must carry it exactly).
double random_value(Rng& r, const Param& p) {
  if (p.integer) return double(r.range(int64_t(p.min), int64_t(p.max)));
  const double v = p.min + (p.max - p.min) * r.uniform01();
  return v > p.max ? p.max : v;
}

// A run with random start settings, then random clicks, live setting
// changes and single steps at random moments, up to `end` (moved later
// when a single step jumped past it).
std::unique_ptr<Model> random_run(const SceneInfo& s, uint64_t seed, Time& end) {
  Rng r(seed);
  auto m = s.make();
  for (const Param& p : m->params())
    if (r.bernoulli(0.3)) REQUIRE(m->set(p.key, random_value(r, p)));
  m->reset(seed);
  const int inputs = int(r.range(3, 12));
  for (int k = 0; k < inputs; ++k) {
    m->run_until(m->now() + Time(r.below(uint64_t(end / (inputs + 1)))) + 1);
    if (r.bernoulli(0.3)) m->step();  // an input between two events of one instant
    const uint32_t kinds = m->command_kinds();
    if (kinds && r.bernoulli(0.7)) {
      m->issue_command(uint32_t(r.below(kinds)), r.below(10));
    } else if (!m->params().empty()) {
      const Param& p = m->params()[r.below(m->params().size())];
      REQUIRE(m->set(p.key, random_value(r, p)));  // may rebuild the run: also fine
    }
  }
  if (m->now() > end) end = m->now();
  m->run_until(end);
  return m;
}

}  // namespace

TEST_SUITE("link") {
  TEST_CASE("numbers: plain decimal only") {
    double v = 0;
    for (const char* ok : {"8", "-3", "2.35", "0.5", ".5", "5.", "1e-3", "2.5E6", "-0", "1e300"}) {
      CAPTURE(ok);
      CHECK(parse_number(ok, v));
    }
    CHECK((parse_number("2.35", v) && v == 2.35));
    for (const char* bad : {"", "0x8", " 8", "8 ", "+5", "nan", "NaN", "inf", "-inf", "1e999", "1,5", "8abc", "--1",
                            "1e", "e5", ".", "-", "1..2", "1e+", "\t3"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_number(bad, v));
    }
    CHECK_FALSE(parse_number(std::string(80, '1'), v));
  }
  TEST_CASE("durations: the same strict number, then a unit") {
    Time t = 0;
    CHECK((parse_duration("1.5s", t) && t == 1500 * kMs));
    CHECK((parse_duration("90", t) && t == 90 * kSec));
    CHECK((parse_duration("3650d", t) && t == 3650 * 24 * kHour));
    for (const char* bad : {"0x10s", " 5s", "+5s", "-3s", "1e3s", "nans", "infs", "5 s", ".s", "5parsecs", ""}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_duration(bad, t));
    }
  }
  TEST_CASE("seeds: digits only, 64 bits") {
    uint64_t s = 0;
    CHECK((parse_seed("18446744073709551615", s) && s == UINT64_MAX));
    CHECK((parse_seed("7", s) && s == 7));
    for (const char* bad : {"", "+5", "-5", " 5", "5 ", "0x5", "18446744073709551616", "1e3", "5.0"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_seed(bad, s));
    }
  }
  TEST_CASE("format_number reads back as the same double, shortest first") {
    CHECK(format_number(2.35) == "2.35");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(8) == "8");
    CHECK(format_number(40) == "40");
    CHECK(format_number(-1200) == "-1200");
    CHECK(format_number(1e15) == "1000000000000000");
    CHECK(format_number(1e-7) == "1e-7");
    CHECK(format_number(1e21) == "1e21");
    CHECK(format_number(double(2.35f)) == "2.3499999046325684");  // a float slider's value, exactly
    Rng r(11);
    int checked = 0;
    for (int i = 0; i < 20000; ++i) {
      double v;
      uint64_t bits = r.next();
      std::memcpy(&v, &bits, sizeof v);
      if (i % 2) v = r.uniform(-1000, 1000);  // everyday magnitudes too
      if (!std::isfinite(v)) continue;
      const std::string s = format_number(v);
      double back = 0;
      REQUIRE_MESSAGE(parse_number(s, back), s);
      CHECK_MESSAGE(back == v, s);
      CHECK(s.find('+') == std::string::npos);
      ++checked;
    }
    CHECK(checked > 19000);
  }
  TEST_CASE("seconds: exact nanoseconds both ways") {
    Time t = 0;
    CHECK(format_seconds(12'500'000'000) == "12.5");
    CHECK(format_seconds(7) == "0.000000007");
    CHECK(format_seconds(3 * kSec) == "3");
    CHECK((parse_seconds("0.000000007", t) && t == 7));
    for (Time x : {Time(0), Time(1), Time(999'999'999), 123 * kHour + 456789, Time(8'999'999'999'999'999'999)}) {
      REQUIRE(parse_seconds(format_seconds(x), t));
      CHECK(t == x);
    }
    for (const char* bad : {"", "-1", "1.", ".5", "1.0000000001", "1e3", "+1", "9000000001"}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_seconds(bad, t));
    }
  }
  TEST_CASE("notices: de-duplicated, at most 10 shown, then how many more") {
    Notices n;
    for (int round = 0; round < 3; ++round)
      for (int i = 0; i < 25; ++i) n.add("notice " + std::to_string(i));
    const auto lines = n.lines();
    REQUIRE(lines.size() == 11);
    CHECK(lines[0] == "notice 0");
    CHECK(lines[9] == "notice 9");
    CHECK(lines[10] == "... and 15 more.");
    CHECK(n.distinct() == 25);
  }
  TEST_CASE("a duplicated setting says which value is kept") {
    Link l = parse_link("?scene=unity&nodes=8&nodes=abc");
    REQUIRE(l.settings.size() == 1);
    CHECK(l.settings[0].second == 8);
    CHECK_MESSAGE(has_notice(l, "got 'abc': keeping 8."), all_notices(l));
    l = parse_link("?scene=unity&nodes=abc");
    CHECK(l.settings.empty());
    CHECK_MESSAGE(has_notice(l, "using its default (4)"), all_notices(l));
    l = parse_link("?scene=unity&nodes=8&nodes=9");
    CHECK_MESSAGE(has_notice(l, "more than once: keeping 8"), all_notices(l));
    l = parse_link("?scene=unity&nodes=99");
    CHECK_MESSAGE(has_notice(l, "1 to 32"), all_notices(l));
    l = parse_link("?seed=+5&scene=unity");
    CHECK(l.seed == 1);
    CHECK(has_notice(l, "Seed ' 5'"));
    l = parse_link("?scene=unity&nodes=0x8&rate=%202&utm_source=mail&theme=light");
    CHECK(l.settings.empty());
    CHECK(l.notices.distinct() == 2);
    REQUIRE(l.other.size() == 2);
    CHECK(l.other[0].first == "utm_source");
    CHECK(l.other[1].second == "light");
  }
  TEST_CASE("crafted queries: length, pair count and notices are capped") {
    std::string q = "?scene=unity";
    for (int i = 0; i < 20000; ++i) q += "&nodes=x" + std::to_string(i);
    Link l = parse_link(q);
    CHECK(has_notice(l, "only the first 8192 are read"));
    CHECK(has_notice(l, "only the first 64 are read"));
    CHECK(l.notices.lines().size() == 11);
    CHECK(l.notices.lines().back().find("more") != std::string::npos);
    std::string inputs = "?scene=unity&in=";
    for (int i = 0; i < 1500; ++i) inputs += i ? ",0:0" : "0:0";  // 6 KB: under the query cap
    l = parse_link(inputs);
    CHECK(l.inputs.size() == kMaxLinkInputs);
    CHECK(has_notice(l, "more than 1000 inputs"));
  }
  TEST_CASE("bad inputs are refused with a reason, keeping the ones before") {
    Link l = parse_link("scene=unity&in=1:0,2:1:3,1.5:0,4:0");
    CHECK(l.inputs.size() == 2);
    CHECK_MESSAGE(has_notice(l, "Input 3"), all_notices(l));
    for (const char* bad : {"in=x:0", "in=1:7", "in=1:rate=abc", "in=1:rate=1e9", "in=1:warp=3", "in=1@x:0", "in=1",
                            "in=1:0:-3"}) {
      l = parse_link(std::string("scene=unity&") + bad);
      CAPTURE(bad);
      CHECK(l.inputs.empty());
      CHECK(l.notices.distinct() == 1);
    }
    l = parse_link("scene=clocks&in=1:0");
    CHECK(l.inputs.empty());
    CHECK(has_notice(l, "no commands"));
  }
  TEST_CASE("a slider's float value in the address gives the run it gave on screen") {
    // The old address printed %.6g: 2.3499999046 became 2.35, another run.
    auto on_screen = find_scene("clocks")->make();
    const double slider = double(2.35f);
    const Param* rate = nullptr;
    for (const Param& p : on_screen->params())
      if (p.key == "rate") rate = &p;
    REQUIRE(rate);
    REQUIRE(on_screen->set("rate", slider));
    on_screen->reset(3);
    on_screen->run_until(2 * kMin);
    const LinkText t = format_link("clocks", *on_screen);
    CHECK(t.query.find("rate=2.3499999046325684") != std::string::npos);
    const Link l = parse_link(t.query);
    CHECK(l.notices.empty());
    auto again = make_linked_model(l);
    again->run_until(2 * kMin);
    CHECK(again->get("rate") == slider);
    CHECK(again->trace_hash() == on_screen->trace_hash());
  }
  TEST_CASE("random settings and clicks in every scene: the address rebuilds the same run") {
    for (const SceneInfo& s : scenes()) {
      for (uint64_t seed = 1; seed <= 4; ++seed) {
        CAPTURE(s.id);
        CAPTURE(seed);
        Time end = s.default_duration / 8;
        auto m = random_run(s, seed * 7919, end);
        const LinkText t = format_link(s.id, *m);
        CAPTURE(t.query);
        REQUIRE_FALSE(t.inputs_dropped);
        const Link l = parse_link("?" + t.query);
        CHECK_MESSAGE(l.notices.empty(), all_notices(l));
        CHECK(l.inputs.size() == m->input_log().size());
        CHECK(format_link(s.id, *make_linked_model(l)).query == t.query);
        auto again = make_linked_model(l);
        REQUIRE(again);
        again->run_until(end);
        CHECK(again->trace_hash() == m->trace_hash());
        CHECK(again->events() == m->events());
        CHECK(again->check_invariants() == "");
        for (size_t i = 0; i < m->params().size(); ++i) CHECK(again->param(i) == m->param(i));
      }
    }
  }
  TEST_CASE("over the size limit the link keeps the settings on screen only") {
    auto m = find_scene("unity")->make();
    m->reset(5);
    for (int i = 0; i < 300; ++i) {
      m->run_until(m->now() + 137 * kMs + i);
      m->issue_command(1, uint64_t(i % 4));
    }
    REQUIRE(m->set("rate", 42.5));
    const LinkText t = format_link("unity", *m);
    CHECK(t.inputs_dropped);
    CHECK(t.query.size() <= kMaxLinkChars);
    CHECK(t.query.find("in=") == std::string::npos);
    CHECK(t.query.find("rate=42.5") != std::string::npos);
    CHECK(format_link("unity", *m, 100000).inputs_dropped == false);
  }
  // The parser checks values on one model of the scene with Model::check:
  // the same verdict and message as set(), and the model untouched (no
  // rebuilt run per value: that made parsing a long address slow).
  TEST_CASE("checking a value agrees with set() and changes nothing") {
    for (const SceneInfo& s : scenes()) {
      auto m = s.make();
      m->run_until(1 * kSec);
      const uint64_t rev = m->revision(), hash = m->trace_hash(), events = m->events();
      for (size_t i = 0; i < m->params().size(); ++i) {
        const Param& p = m->params()[i];
        const std::string id = s.id, key = p.key;
        CAPTURE(id);
        CAPTURE(key);
        for (double v : {p.min, p.max, (p.min + p.max) / 2, p.min - 1, p.max + 1, double(NAN), p.integer ? p.min + 0.5 : p.max}) {
          std::string why_check, why_set;
          const bool ok = m->check(i, v, &why_check);
          auto probe = s.make();
          CHECK(ok == probe->set(p.key, v, &why_set));
          CHECK(why_check == why_set);
        }
      }
      CHECK(m->revision() == rev);
      CHECK(m->trace_hash() == hash);
      CHECK(m->events() == events);
    }
  }
}
