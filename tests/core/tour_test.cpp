// Guided tours (core/tour): the reader's rules with their FILE:LINE
// messages, and every bundled tour walked on its model: each setup applies
// (no refused value), each step that waits for the reader is reached by
// doing what it asks (its `do`), and the run at each step is the same every
// time (a golden trace hash per step, natively and under Node).
#include <doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "link.h"
#include "registry.h"
#include "tour/builtin.h"
#include "tour/targets.h"
#include "tour/tour.h"

using namespace dsviz;
using namespace dsviz::tour;

namespace {

std::vector<Problem> problems_of(const std::string& text) {
  Tour t;
  std::vector<Problem> p;
  CHECK_FALSE(parse_tour(text, t, p));
  CHECK(t.steps.empty());
  return p;
}

// The one problem a bad tour has: its line, and a part of its message.
void one_problem(const std::string& text, uint32_t line, const std::string& part) {
  const std::vector<Problem> p = problems_of(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == line);
  INFO(p[0].message);
  CHECK(p[0].message.find(part) != std::string::npos);
}

const char* kHead = "scene = \"unity\"\n[[step]]\ncaption = \"Hello.\"\n";  // step header on line 2

// How long a step that advances on Next plays before the test presses Next;
// how long a waiting step may take to show what the reader did.
constexpr Time kDwell = 5 * kSec;
constexpr Time kMaxWait = 10 * kMin;

// Golden hashes, one per step of each bundled tour. A tour or model change
// that alters a run on purpose updates its row: a failing row prints the
// hashes it got (DSVIZ_TOUR_GOLDEN=1 prints every row).
struct Golden {
  const char* scene;
  std::vector<uint64_t> hashes;
};
const std::vector<Golden>& golden() {
  static const std::vector<Golden> kRows = {
      {"unity", {0xc0b5ad11bc3e7366ULL, 0xc3a1fb96bee39bc3ULL, 0x1d27fdfddc61313cULL, 0x7621d80766aeb92eULL, 0x73270d5c32f0e27aULL, 0xef668c2589a35df0ULL}},
      {"concurrency", {0x51fb87923c05c847ULL, 0xcbd7574a7903b35fULL, 0xe9035d2c97e420a3ULL, 0xdc1130a1ab57c0f6ULL, 0xa73d677ecdab751dULL, 0x49bf46ae2ee30c95ULL, 0xd97e2a72d4c95a97ULL}},
      {"clocks", {0x007513d57c4a2c90ULL, 0xeefa3e6d106c8933ULL, 0x1f17f94c2a0a22c6ULL, 0x888451ed88570559ULL, 0xd722b5ccced9203cULL, 0x1ebd8bf3ac56ab96ULL, 0x93c1594feb0119f3ULL}},
      {"failure", {0xc1b2939a0a9406b7ULL, 0x498288886262f659ULL, 0x498288886262f659ULL, 0x962cb8d4082f78b8ULL, 0x13e0bd39a24fa689ULL, 0xd75a53661ce9ece9ULL}},
      {"availability", {0x70e96b31f67e6096ULL, 0x7d182019232b2859ULL, 0x2bc12fc45ea65132ULL, 0x494ef88f9cf01c4eULL, 0x2b45a30880e60d78ULL, 0xca2f3ff9a37ad1edULL}},
      {"scaling", {0x64b61ffe1f8337cbULL, 0x1d6430b091fe80b0ULL, 0x3ab3e11d761f2961ULL, 0xa6d638e3d232be6fULL, 0x2ef0921f5b54b421ULL, 0xd15af124767d9f9dULL}},
      {"latency", {0x4261b453b2bc419fULL, 0x83a5120e4215819dULL, 0x32a06036c79456f7ULL, 0x438222b6b332fe84ULL, 0x56fe8f9c2f7fd0beULL, 0xd1a608a34c952084ULL}},
      {"replication", {0xe972f018c256980aULL, 0x72ab5383a3935e86ULL, 0xc74b80939139cf92ULL, 0x078df33d6edfcd7cULL, 0x756632cd05423720ULL, 0x7d214baed8602638ULL}},
      {"balancing", {0x1b879b45707e0607ULL, 0x7400721260bce5c7ULL, 0x2b41544e81202d85ULL, 0x6aa8f20162626185ULL, 0x1ed95cf1e43a76c5ULL, 0x65bcacbf725e6b43ULL}},
      {"tradeoffs", {0x63d3393a78407cb5ULL, 0x47da8235339c0d51ULL, 0x9ca835d9d074e229ULL, 0xb136db3a7587e5d4ULL, 0x27e9dbb446990280ULL}},
      {"quiz", {0x185cf7477ed5afddULL, 0x763a7f4b8d1c898bULL, 0x090e57b38b82c93bULL, 0x4469ae56cbe0765cULL}},
  };
  return kRows;
}

}  // namespace

TEST_SUITE("tour") {

TEST_CASE("a minimal tour parses with defaults") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour(kHead, t, p));
  CHECK(p.empty());
  CHECK(t.scene == "unity");
  CHECK(t.seed == 1);
  REQUIRE(t.steps.size() == 1);
  CHECK(t.steps[0].line == 2);
  CHECK(t.steps[0].advance.kind == Advance::Kind::Next);
  CHECK(t.steps[0].setup.empty());
}

TEST_CASE("setups are read by the deep-link parser, strictly") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour(std::string(kHead) + "setup = \"nodes=8&rate=20&in=0:1:2,1.5:0\"\n", t, p));
  const Step& s = t.steps[0];
  REQUIRE(s.setup.settings.size() == 2);
  REQUIRE(s.setup.inputs.size() == 2);
  CHECK(s.setup.inputs[0].kind == 1);
  CHECK(s.setup.inputs[0].arg == 2);
  CHECK(s.setup.inputs[1].at == 1500 * kMs);

  one_problem(std::string(kHead) + "setup = \"nodez=8\"\n", 4, "has no setting 'nodez'");
  one_problem(std::string(kHead) + "setup = \"nodes=99\"\n", 4, "nodes");
  one_problem(std::string(kHead) + "setup = \"nodes=0x10\"\n", 4, "decimal number");
  one_problem(std::string(kHead) + "setup = \"in=0:7\"\n", 4, "command is not a number from 0 to 1");
  one_problem(std::string(kHead) + "setup = \"seed=3\"\n", 4, "cannot set a seed");
  one_problem(std::string(kHead) + "setup = \"scene=clocks\"\n", 4, "cannot name a scene");
  one_problem(std::string(kHead) + "setup = \"nodes\"\n", 4, "has no '=value'");
}

TEST_CASE("highlights name a target the scene's view draws") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour(std::string(kHead) + "highlight = \"node:31\"\n", t, p));
  REQUIRE(parse_tour(std::string(kHead) + "highlight = \"control:timeout_ms\"\n", t, p));
  REQUIRE(parse_tour(std::string(kHead) + "highlight = \"area:view\"\n", t, p));
  one_problem(std::string(kHead) + "highlight = \"node:32\"\n", 4, "unknown highlight target 'node:32'");
  one_problem(std::string(kHead) + "highlight = \"plot:throughput\"\n", 4, "targets: area:view");
  one_problem(std::string(kHead) + "highlight = \"control:drift_ppm\"\n", 4, "unknown highlight target");
  one_problem(std::string(kHead) + "highlight = \"node:-1\"\n", 4, "unknown highlight target");
}

TEST_CASE("advance conditions and their 'do'") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour(std::string(kHead) + "advance = \"metric:requests_failed>=1\"\ndo = \"in=0:1:4\"\n", t, p));
  const Advance& a = t.steps[0].advance;
  CHECK(a.kind == Advance::Kind::Metric);
  CHECK(a.key == "requests_failed");
  CHECK(a.op == Advance::Op::Ge);
  CHECK(a.value == 1);
  CHECK(describe(a) == "requests_failed >= 1");
  REQUIRE(parse_tour(std::string(kHead) + "advance = \"setting:nodes<3\"\ndo = \"nodes=2\"\n", t, p));
  CHECK(t.steps[0].advance.kind == Advance::Kind::Setting);
  CHECK(t.steps[0].advance.op == Advance::Op::Lt);
  REQUIRE(parse_tour(std::string(kHead) + "advance = \"metric:requests_failed+=2\"\ndo = \"in=0:1:4\"\n", t, p));
  CHECK(t.steps[0].advance.op == Advance::Op::Rise);
  CHECK(t.steps[0].advance.value == 2);
  one_problem(std::string(kHead) + "advance = \"setting:nodes+=1\"\ndo = \"nodes=5\"\n", 4, "'+=' is for metrics");
  REQUIRE(parse_tour(std::string(kHead) + "advance = \"command:1\"\ndo = \"in=0:1:0\"\n", t, p));
  CHECK(t.steps[0].advance.command == 1);

  one_problem(std::string(kHead) + "advance = \"metric:crashed_nodes>=1\"\ndo = \"in=0:1:0\"\n", 4,
              "no metric 'crashed_nodes'");
  one_problem(std::string(kHead) + "advance = \"metric:requests_failed\"\ndo = \"in=0:1:0\"\n", 4, "no comparison");
  one_problem(std::string(kHead) + "advance = \"metric:requests_failed>=x\"\ndo = \"in=0:1:0\"\n", 4,
              "threshold is not");
  one_problem(std::string(kHead) + "advance = \"command:2\"\ndo = \"in=0:1:0\"\n", 4, "from 0 to 1");
  one_problem(std::string(kHead) + "advance = \"click\"\n", 4, "is not 'next'");
  one_problem(std::string(kHead) + "advance = \"setting:nodez>1\"\ndo = \"nodes=2\"\n", 4, "no setting 'nodez'");
  one_problem(std::string(kHead) + "advance = \"command:1\"\n", 4, "needs 'do'");
  one_problem(std::string(kHead) + "do = \"in=0:1:0\"\n", 4, "advances on Next");
}

TEST_CASE("several problems come out by line, whichever check found them first") {
  // The unknown key (line 3) is found before the missing caption (line 2).
  const std::vector<Problem> p = problems_of("scene = \"unity\"\n[[step]]\nhiglight = \"area:view\"\n[[step]]\ncaption = 1\n");
  REQUIRE(p.size() == 3);
  CHECK(p[0].line == 2);
  CHECK(p[0].message.find("missing 'caption'") != std::string::npos);
  CHECK(p[1].line == 3);
  CHECK(p[1].message.find("unknown key 'higlight'") != std::string::npos);
  CHECK(p[2].line == 5);
  CHECK(p[2].message.find("'caption' must be a string") != std::string::npos);
}

TEST_CASE("the file's shape: scene, steps, keys, TOML") {
  one_problem("scene = \"unit\"\n[[step]]\ncaption = \"x\"\n", 1, "unknown scene 'unit'");
  one_problem("[[step]]\ncaption = \"x\"\n", 1, "missing 'scene'");
  one_problem("scene = \"unity\"\n", 1, "no steps");
  one_problem("scene = \"unity\"\nstep = 3\n", 2, "array of tables");
  one_problem("scene = \"unity\"\n[[step]]\nsetup = \"nodes=2\"\n", 2, "missing 'caption'");
  one_problem("scene = \"unity\"\n[[step]]\ncaption = \"  \"\n", 3, "caption is empty");
  one_problem(std::string(kHead) + "higlight = \"area:view\"\n", 4, "unknown key 'higlight'");
  one_problem("scene = \"unity\"\ntitel = \"x\"\n[[step]]\ncaption = \"x\"\n", 2, "unknown key 'titel'");
  one_problem(std::string(kHead) + "caption2 = \"x\n", 4, "TOML syntax");
  one_problem(std::string(kHead) + "caption = \"again\"\n", 4, "TOML syntax");
  one_problem(std::string(kHead) + "setup = 3\n", 4, "'setup' must be a string");
  std::string big = "scene = \"unity\"\n";
  for (int i = 0; i < 13; ++i) big += "[[step]]\ncaption = \"x\"\n";
  one_problem(big, 2, "1 to 12 steps");
  one_problem(std::string(kHead) + "# " + std::string(kMaxTourBytes, 'x') + "\n", 1, "a tour has at most");
}

// Floats go through core/toml_reader's grammar and then parse_number (the
// same on the desktop and in the page): they must read as numbers, and an
// overflow is refused as a syntax error.
TEST_CASE("TOML floats are read as numbers, an overflowing one is a syntax error") {
  const char* tail = "[[step]]\ncaption = \"x\"\n";
  for (const char* seed : {"2.5", "-0.125", "1e3", "6.02e+23", "1_000.5"})
    one_problem(std::string("scene = \"unity\"\nseed = ") + seed + "\n" + tail, 2, "whole number");
  one_problem(std::string("scene = \"unity\"\nseed = 1e999\n") + tail, 2, "TOML syntax");
  one_problem(std::string("scene = \"unity\"\nseed = 1.5.2\n") + tail, 2, "TOML syntax");
}

TEST_CASE("every bundled tour is valid and has 4 to 8 steps; every scene has one") {
  for (const SceneInfo& s : scenes()) {
    INFO(std::string(s.id));
    const std::string_view text = builtin_tour(s.id);
    REQUIRE(!text.empty());
    Tour t;
    std::vector<Problem> p;
    const bool ok = parse_tour(text, t, p);
    for (const Problem& x : p) MESSAGE(format_problem(x));
    REQUIRE(ok);
    CHECK(t.scene == s.id);
    CHECK(t.steps.size() >= 4);
    CHECK(t.steps.size() <= 8);
  }
  CHECK(builtin_tours().size() == scenes().size());
}

TEST_CASE("every bundled tour walks: setups apply, waiting steps are reached by their 'do', golden hash per step") {
  const bool print = std::getenv("DSVIZ_TOUR_GOLDEN") != nullptr;
  for (const SceneInfo& s : scenes()) {
    INFO(std::string(s.id));
    Tour t;
    std::vector<Problem> p;
    REQUIRE(parse_tour(builtin_tour(s.id), t, p));
    auto m = s.make();
    Player player(&t);
    player.jump(*m, 0);
    std::vector<uint64_t> hashes;
    for (size_t k = 0; k < t.steps.size(); ++k) {
      INFO("step " << k + 1);
      if (k > 0) REQUIRE(player.next(*m));
      CHECK(player.step() == k);
      const Step& st = t.steps[k];
      // The setup's settings were accepted: the model holds them now.
      for (const auto& [i, v] : st.setup.settings) CHECK(m->param(i) == v);
      if (st.advance.kind == Advance::Kind::Next) {
        m->run_until(m->now() + kDwell);
        CHECK_FALSE(player.update(*m));
      } else {
        // Not yet: the step waits for the reader.
        m->run_until(m->now() + kSec);
        CHECK_MESSAGE(!player.update(*m), std::string(s.id) << " step " << k + 1 << " holds before the reader acts");
        player.act(*m);
        for (const auto& [i, v] : st.act.settings) CHECK(m->param(i) == v);
        const Time until = m->now() + kMaxWait;
        bool met = player.update(*m);
        while (!met && m->now() < until) {
          m->run_until(m->now() + kSec);
          met = player.update(*m);
        }
        CHECK_MESSAGE(met, "waited " << format_seconds(kMaxWait) << " s for " << describe(st.advance));
      }
      CHECK(m->check_invariants() == "");
      hashes.push_back(m->trace_hash());
    }
    CHECK_FALSE(player.next(*m));
    std::string row = std::string("      {\"") + s.id + "\", {";
    for (size_t i = 0; i < hashes.size(); ++i) {
      char b[32];
      std::snprintf(b, sizeof b, "%s0x%016llxULL", i ? ", " : "", (unsigned long long)hashes[i]);
      row += b;
    }
    row += "}},";
    if (print) std::printf("%s\n", row.c_str());
    const Golden* g = nullptr;
    for (const Golden& x : golden())
      if (std::string_view(x.scene) == s.id) g = &x;
    CHECK_MESSAGE(g != nullptr, "no golden row; add: " << row);
    if (g) CHECK_MESSAGE(g->hashes == hashes, "golden row differs; now: " << row);
  }
}

TEST_CASE("jumping to a step rebuilds the same run every time, and Back is a jump") {
  for (const SceneInfo& s : scenes()) {
    INFO(std::string(s.id));
    Tour t;
    std::vector<Problem> p;
    REQUIRE(parse_tour(builtin_tour(s.id), t, p));
    for (size_t k = 0; k < t.steps.size(); ++k) {
      INFO("step " << k + 1);
      auto a = s.make();
      auto b = s.make();
      Player pa(&t), pb(&t);
      pa.jump(*a, k);
      CHECK(pa.step() == k);
      a->run_until(2 * kSec);
      // b walks past k and comes back.
      pb.jump(*b, k + 1 < t.steps.size() ? k + 1 : k);
      if (k + 1 < t.steps.size()) REQUIRE(pb.prev(*b));
      b->run_until(2 * kSec);
      CHECK(pb.step() == k);
      CHECK(a->trace_hash() == b->trace_hash());
      for (const auto& [i, v] : t.steps[k].setup.settings) CHECK(a->param(i) == v);
    }
  }
}

TEST_CASE("a '+=' condition counts from the step's start, not from the run's") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour("scene = \"unity\"\n[[step]]\ncaption = \"a\"\n[[step]]\ncaption = \"b\"\n"
                     "advance = \"metric:requests_sent+=5\"\ndo = \"in=0:0,0:0,0:0,0:0,0:0\"\n",
                     t, p));
  auto m = find_scene("unity")->make();
  Player player(&t);
  player.jump(*m, 0);
  m->run_until(30 * kSec);  // ~300 requests sent at 10 req/s
  REQUIRE(player.next(*m));
  double sent = 0;
  CHECK_FALSE(player.met(*m, &sent));
  CHECK(sent > 100);
  player.act(*m);  // five requests now
  CHECK(player.update(*m));
}

TEST_CASE("a command condition counts only the reader's inputs since the step began") {
  Tour t;
  std::vector<Problem> p;
  REQUIRE(parse_tour("scene = \"unity\"\n[[step]]\ncaption = \"a\"\nsetup = \"in=0:1:0\"\n"
                     "advance = \"command:1\"\ndo = \"in=0:1:1\"\n[[step]]\ncaption = \"b\"\n",
                     t, p));
  auto m = find_scene("unity")->make();
  Player player(&t);
  player.jump(*m, 0);
  m->run_until(kSec);
  CHECK_FALSE(player.update(*m));  // the setup's own toggle does not count
  player.act(*m);
  CHECK(player.update(*m));
}

}  // TEST_SUITE
