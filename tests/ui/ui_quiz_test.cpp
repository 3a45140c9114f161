// The quiz scene's shell side (web/quiz_host.*) and the views' deep links
// (App::open_link): which ?quiz= paths are fetched, a quiz file reaching the
// model (or a notice when it is broken), answers surviving a scene switch,
// and a link opening its scene with its settings.
#include <doctest.h>

#include <string>

#include "app.h"
#include "quiz_host.h"
#include "scenes/quiz.h"
#include "ui_harness.h"

using namespace dsviz;
using namespace dsviz::ui;

TEST_CASE("check_quiz_path: relative paths on the page's site only") {
  for (const char* ok : {"quiz.toml", "quizzes/fundamentals-what-is-ds.toml", "/quizzes/a.toml", "a/b/c.fr.toml",
                         "q.toml?v=2", "a..b.toml", "./q.toml"}) {
    CAPTURE(std::string(ok));
    CHECK(check_quiz_path(ok) == "");
  }
  for (const char* bad : {"", "https://example.com/q.toml", "http:q.toml", "//example.com/q.toml", "javascript:alert(1)",
                          "data:text/plain,x", "../q.toml", "a/../../q.toml", "a/..", "a\\b.toml", "%2e%2e/q.toml",
                          "q\n.toml"}) {
    CAPTURE(std::string(bad));
    CHECK(check_quiz_path(bad) != "");
  }
  CHECK(check_quiz_path(std::string(600, 'a')) != "");
}

namespace {
const char* kTwo = R"(
[[questions]]
id = "t-one"
type = "ShortAnswer"
prompt.prompt = "Say yes"
answer.answer = "yes"

[[questions]]
id = "t-two"
type = "MultipleChoice"
prompt.prompt = "Pick A"
prompt.distractors = ["B"]
answer.answer = "A"
)";
}  // namespace

TEST_CASE("QuizHost: a good file reaches the quiz model, a broken one is a notice and ours stays") {
  QuizHost host;
  QuizModel m;
  const size_t ours = m.count();
  CHECK(host.supply("broken.toml", "[[questions]]\ntype = \"Nope\"\n").find("not loaded") != std::string::npos);
  host.attach(m);
  CHECK(m.count() == ours);
  CHECK(host.supply("two.toml", kTwo) == "");
  host.attach(m);
  CHECK(m.count() == 2);
  CHECK(m.source() == "two.toml");
}

TEST_CASE("QuizHost: answers and the current question survive a fresh model, and reach storage") {
  std::string stored;
  int saves = 0;
  QuizHost host;
  host.set_storage({[&](const std::string&) { return stored; },
                    [&](const std::string& key, const std::string& v) {
                      CHECK(key == QuizHost::kAnswersKey);
                      stored = v;
                      ++saves;
                    }});
  REQUIRE(host.supply("two.toml", kTwo) == "");
  {
    QuizModel m;
    host.attach(m);
    m.set_text(0, "  YES ");
    m.submit(0);
    m.go_to(1);
    host.frame(m);
    CHECK(m.correct(0));
  }
  CHECK(saves == 1);
  QuizModel fresh;  // the app makes a new model on every visit
  host.attach(fresh);
  CHECK(fresh.current() == 1);
  CHECK(fresh.correct(0));
  // A new session reads the record from storage.
  QuizHost next;
  next.set_storage({[&](const std::string&) { return stored; }, {}});
  next.supply("two.toml", kTwo);
  QuizModel later;
  next.attach(later);
  CHECK(later.correct(0));
}

TEST_CASE("App::open_link opens the linked scene with its seed and settings, the others at their defaults") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "quiz";
  App app(opt);
  app.open_link("scene=unity&seed=9&dependency_up=0");
  CHECK(std::string(app.scene_id()) == "unity");
  CHECK(app.transport().seed == 9);
  CHECK(app.model().get("dependency_up") == 0);
  // The same scene again: settings the link leaves out go back to default.
  const double nodes_default = app.model().params()[0].def;
  app.model().set(app.model().params()[0].key, nodes_default + 1);
  app.open_link("scene=unity");
  CHECK(app.model().param(0) == nodes_default);
  CHECK(app.model().get("dependency_up") == 1);
  CHECK(app.transport().seed == 1);
}

TEST_CASE("a typed answer's field takes the keyboard when its question opens") {
  test::Headless ui(1280, 800);
  LaunchOptions opt;
  opt.scene = "quiz";
  App app(opt);
  auto frame = [&] {
    ImGui::NewFrame();
    app.frame(1.0 / 60);
    ImGui::Render();
  };
  frame();
  auto* q = dynamic_cast<QuizModel*>(&app.model());
  REQUIRE(q != nullptr);
  long text_q = -1;
  for (size_t i = 0; i < q->count() && text_q < 0; ++i)
    if (q->question(i).type == quiz::Type::ShortAnswer) text_q = long(i);
  REQUIRE(text_q >= 0);
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  q->go_to(size_t(text_q));
  for (int i = 0; i < 4; ++i) frame();
  CHECK(ImGui::GetIO().WantTextInput);
}
