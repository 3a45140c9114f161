// Every scene's presets (presenter mode's keys 1-9) apply as written: the
// strict reading of a link gives no notice, each preset makes a run of its
// own, and the run it makes holds its invariants. Every scene also says in
// words what it shows (Model::describe, the page's live region).
#include <doctest.h>

#include <set>
#include <string>

#include "link.h"
#include "registry.h"
#include "scenes/failure.h"
#include "scenes/unity.h"

using namespace dsviz;

namespace {

std::string all_notices(const Link& l) {
  std::string s;
  for (const std::string& n : l.notices.lines()) s += n + "\n";
  return s;
}

}  // namespace

TEST_SUITE("presets") {
  TEST_CASE("every preset of every scene applies without a notice and makes its own run") {
    for (const SceneInfo& s : scenes()) {
      const std::string id = s.id;
      CAPTURE(id);
      CHECK(s.presets.size() >= 2);
      CHECK(s.presets.size() <= 5);
      std::set<std::string> labels, runs;
      for (const Preset& p : s.presets) {
        const std::string label = p.label ? p.label : "", query = p.query ? p.query : "";
        CAPTURE(label);
        CAPTURE(query);
        REQUIRE(p.label != nullptr);
        REQUIRE(p.query != nullptr);
        CHECK(std::string(p.label).size() >= 3);
        CHECK(labels.insert(p.label).second);
        const Link l = parse_link(std::string("scene=") + s.id + "&" + p.query);
        CHECK_MESSAGE(l.notices.empty(), all_notices(l));
        CHECK(l.scene == s.id);
        CHECK(l.other.empty());  // every key is the scene's
        auto m = make_linked_model(l);
        REQUIRE(m);
        m->run_until(30 * kSec);
        CHECK(m->check_invariants() == "");
        // Each preset is a different situation: its link differs from the
        // others' (settings and inputs as format_link writes them).
        CHECK_MESSAGE(runs.insert(format_link(s.id, *m).query).second, "the same run as another preset");
      }
    }
  }

  TEST_CASE("a preset's inputs happen: the failure scene's cascade preset ends with nodes down") {
    const SceneInfo* s = find_scene("failure");
    REQUIRE(s);
    const Preset& p = s->presets.at(1);
    auto m = make_linked_model(parse_link(std::string("scene=failure&") + p.query));
    m->run_until(2 * kMin);
    auto& f = dynamic_cast<FailureModel&>(*m);
    CHECK(f.failures(FailureModel::kClick) == 1);
    CHECK(f.failures(FailureModel::kOverload) >= 1);
  }
}

TEST_SUITE("describe") {
  TEST_CASE("every scene describes itself, and the words follow the run") {
    for (const SceneInfo& s : scenes()) {
      const std::string id = s.id;
      CAPTURE(id);
      auto m = s.make();
      m->run_until(20 * kSec);
      const std::string d = m->describe();
      CAPTURE(d);
      CHECK(d.size() >= 20);
      CHECK(d.size() <= 600);
      CHECK(d.find("nan") == std::string::npos);
      CHECK(d.find("inf ") == std::string::npos);
      CHECK(d.find('\n') == std::string::npos);
      // Some preset shows a different situation, and the text says so.
      std::set<std::string> texts{d};
      for (const Preset& p : s.presets) {
        auto pm = make_linked_model(parse_link(std::string("scene=") + s.id + "&" + p.query));
        pm->run_until(20 * kSec);
        texts.insert(pm->describe());
      }
      CHECK(texts.size() >= 2);
    }
  }

  TEST_CASE("unity: servers down, the hidden service and the last request") {
    UnityModel m;
    m.reset(1);
    m.run_until(5 * kSec);
    std::string d = m.describe();
    CHECK(d.find("4 servers, all up") != std::string::npos);
    CHECK(d.find("authentication service is up") != std::string::npos);
    CHECK(d.find("the last request was served by Node ") != std::string::npos);
    CHECK(d.find(" ms") != std::string::npos);
    m.toggle_node(2);
    d = m.describe();
    CHECK(d.find("4 servers, 1 down") != std::string::npos);
    m.toggle_node(m.dependency_node());
    m.run_until(15 * kSec);
    d = m.describe();
    CHECK(d.find("authentication service is down") != std::string::npos);
    CHECK(d.find("the last request failed") != std::string::npos);
  }
}
