// Guided tours in the app (web/tour_host.*): every bundled tour walked in
// the real shell with no GPU, by the keyboard and by "Do it for me"; each
// step's highlight is on screen where the step shows it; the offer, a
// returning reader, a deep link, ?tour=&step=, Back, Explore freely, the
// embed layout and the caption for screen readers.
#include <doctest.h>

#include <map>
#include <string>

#include "app.h"
#include "options.h"
#include "registry.h"
#include "tour_host.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

namespace {

struct Runner {
  App& app;
  void frame(double dt = 1.0 / 60) {
    ImGui::NewFrame();
    app.frame(dt);
    ImGui::Render();
  }
  void frames(int n, double dt = 1.0 / 60) {
    for (int i = 0; i < n; ++i) frame(dt);
  }
  void key(ImGuiKey k) {
    ImGui::GetIO().AddKeyEvent(k, true);
    frame();
    ImGui::GetIO().AddKeyEvent(k, false);
    frame();
  }
};

// Storage in memory that outlives one App, like the page's localStorage.
struct MemoryStorage {
  std::map<std::string, std::string> kv;
  Storage make() {
    Storage s;
    s.load = [this](const std::string& k) { return kv.count(k) ? kv[k] : std::string(); };
    s.save = [this](const std::string& k, const std::string& v) { kv[k] = v; };
    return s;
  }
};

}  // namespace

TEST_CASE("every bundled tour walks in the app: captions, highlights on screen, waiting steps done for the reader") {
  for (const char* size : {"desktop", "phone", "embed"}) {
    const bool phone = std::string(size) == "phone";
    test::Headless ui(phone ? 390 : 1280, phone ? 844 : 800);
    for (const SceneInfo& s : scenes()) {
      CAPTURE(std::string(size));
      CAPTURE(std::string(s.id));
      LaunchOptions opt;
      opt.scene = s.id;
      opt.embed = std::string(size) == "embed";
      App app(opt);
      Runner r{app};
      r.frame();
      TourHost& t = app.tours();
      REQUIRE(t.find(s.id) != nullptr);
      CHECK(t.offered() == !opt.embed);
      REQUIRE(t.start(app.model(), 0));
      const size_t n = t.steps();
      CHECK(n >= 4);
      CHECK(n <= 8);
      for (size_t k = 0; k < n; ++k) {
        CAPTURE(k + 1);
        r.frames(3);
        REQUIRE(t.active());
        REQUIRE(t.step() == k);
        std::string cap;
        // The caption for screen readers names the step and its text.
        if (app.take_tour_caption(cap)) {
          CHECK(cap.find("step " + std::to_string(k + 1) + " of " + std::to_string(n)) != std::string::npos);
          CHECK(cap.find(t.tour()->steps[k].caption) != std::string::npos);
        }
        const std::string hl = t.highlight();
        // On a phone the settings are below the fold, in an embed behind
        // the Settings button: the outline is drawn where the target is
        // when it is drawn; the page layout draws every target.
        if (!hl.empty() && !phone && !opt.embed) {
          ImVec2 max;
          const ImVec2* min = app.targets().find(hl, &max);
          CHECK_MESSAGE(min != nullptr, "highlight " << hl << " is not on screen");
          if (min) CHECK(max.x > min->x);
        }
        const tour::Step& st = t.tour()->steps[k];
        if (st.advance.kind != tour::Advance::Kind::Next) {
          CHECK_FALSE(t.tour()->steps[k].act.empty());
          t.act(app.model());
          // The condition holds within a virtual minute or so at the
          // scene's speed; then the tour moves on by itself.
          int guard = 0;
          while (t.active() && t.step() == k && guard++ < 3000) r.frame(0.05);
          CHECK_MESSAGE(guard < 3000, "waiting for " << tour::describe(st.advance));
          if (k + 1 < n) CHECK(t.step() == k + 1);
        } else if (k + 1 < n) {
          r.key(ImGuiKey_N);  // the keyboard's Next
          CHECK(t.step() == k + 1);
        } else {
          r.key(ImGuiKey_N);
        }
      }
      CHECK_FALSE(t.active());  // past the last step: the scene is the reader's
      CHECK(app.notices().empty());
    }
  }
}

TEST_CASE("the tour is offered, not forced: a returning reader and a deep link with settings go straight to the scene") {
  test::Headless ui(1280, 800);
  MemoryStorage mem;
  {
    LaunchOptions opt;
    opt.scene = "clocks";
    App app(opt);
    app.set_storage(mem.make());
    Runner r{app};
    r.frame();
    CHECK(app.tours().offered());
    CHECK_FALSE(app.tours().active());
    app.tours().dismiss();  // "No thanks"
    CHECK(mem.kv[TourHost::kSeenKey] == "clocks");
    app.open_scene("failure");
    r.frame();
    CHECK(app.tours().offered());  // another scene: offered
  }
  {
    LaunchOptions opt;  // the same reader comes back
    opt.scene = "clocks";
    App app(opt);
    app.set_storage(mem.make());
    Runner r{app};
    r.frame();
    CHECK_FALSE(app.tours().offered());
    CHECK(app.tours().find("clocks") != nullptr);  // still one click away
  }
  {
    LaunchOptions opt = parse_query("?scene=failure&nodes=6");
    App app(opt);
    Runner r{app};
    r.frame();
    CHECK_FALSE(app.tours().offered());
    CHECK(app.model().get("nodes") == 6);
  }
}

TEST_CASE("?tour=<scene>&step=N opens that step; Back rebuilds the step before; Explore freely keeps the run") {
  test::Headless ui(1280, 800);
  LaunchOptions opt = parse_query("?tour=failure&step=3");
  CHECK(opt.scene == "failure");
  App app(opt);
  Runner r{app};
  r.frames(5);
  TourHost& t = app.tours();
  REQUIRE(t.active());
  CHECK(t.step() == 2);
  // Step 2's "do" (crash node 1) is part of the run step 3 starts from.
  CHECK(app.model().get("random_failures") == 0);
  std::vector<Metric> ms;
  app.model().metrics(ms);
  double up = -1;
  for (const Metric& x : ms)
    if (x.key == "nodes_up") up = x.value;
  CHECK(up == 3);
  r.key(ImGuiKey_P);  // Back
  CHECK(t.step() == 1);
  r.key(ImGuiKey_Escape);  // Explore freely
  CHECK_FALSE(t.active());
  CHECK(t.left_at() == 2);
  const Time now = app.model().now();
  r.frames(30);
  CHECK(app.model().now() > now);  // the run goes on as the step left it
  CHECK(app.notices().empty());

  LaunchOptions bad = parse_query("?tour=nope&step=x");
  CHECK(bad.tour.empty());
  CHECK(bad.notices.size() == 2);
  LaunchOptions far = parse_query("?tour=unity&step=40");
  App app2(far);
  CHECK(app2.tours().step() + 1 == app2.tours().steps());
  CHECK(app2.notices().size() == 1);
}

TEST_CASE("the timeline works inside a tour, and presenter mode's next_step/prev_step move the tour") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "unity";
  App app(opt);
  Runner r{app};
  r.frame();
  REQUIRE(app.tours().start(app.model(), 0));
  r.frames(120, 0.05);
  CHECK(app.next_step());
  CHECK(app.tours().step() == 1);
  CHECK(app.prev_step());
  CHECK(app.tours().step() == 0);
  r.frames(60, 0.05);
  const Time t = app.model().now();
  REQUIRE(t > 0);
  app.model().replay_to(t / 2);  // what a timeline drag does to the run
  r.frames(2);
  CHECK(app.model().now() < t);
  CHECK(app.tours().active());
  CHECK(app.tours().step() == 0);
  // (The app itself says nothing about the tour here: a drag of the real
  // timeline also tells the shell it rewound; this test calls the model.)
}
