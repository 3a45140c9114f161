// The Fundamental Dilemma calculator against hand arithmetic and FACTS.md's
// measured round trips; the trade-off tables' links land in scenes that
// accept their settings; the tradeoffs scene's live run meets its
// calculated figures; the quiz scene's commands, score and retry.
#include <doctest.h>

#include <cmath>
#include <string>

#include "quiz/builtin.h"
#include "registry.h"
#include "scene_helpers.h"
#include "scenes/quiz.h"
#include "scenes/tradeoffs.h"
#include "tradeoffs.h"

using namespace dsviz;

namespace {

// "scene=x&k=v" -> checks the scene (when registered) accepts every setting.
void check_link(const char* link) {
  CAPTURE(link);
  std::string s = link, scene;
  std::vector<std::pair<std::string, double>> sets;
  size_t at = 0;
  while (at < s.size()) {
    size_t amp = s.find('&', at);
    if (amp == std::string::npos) amp = s.size();
    const std::string kv = s.substr(at, amp - at);
    at = amp + 1;
    const size_t eq = kv.find('=');
    REQUIRE(eq != std::string::npos);
    if (kv.substr(0, eq) == "scene") scene = kv.substr(eq + 1);
    else sets.emplace_back(kv.substr(0, eq), std::stod(kv.substr(eq + 1)));
  }
  REQUIRE(!scene.empty());
  const SceneInfo* info = find_scene(scene);
  if (!info) {
    MESSAGE("scene '" << scene << "' is not registered yet: " << link << " not checked");
    return;
  }
  auto m = info->make();
  for (const auto& [k, v] : sets) {
    std::string err;
    CHECK_MESSAGE(m->set(k, v, &err), err);
  }
}

}  // namespace

TEST_SUITE("tradeoffs") {
  TEST_CASE("round trips from the core's latency model match FACTS.md's measured pairs") {
    CHECK(city_rtt_ms("New York", "London") == doctest::Approx(77).epsilon(0.05));  // measured 75-79
    const double ny_tokyo = city_rtt_ms("New York", "Tokyo");                        // measured 139-164
    CHECK(ny_tokyo > 125);
    CHECK(ny_tokyo < 165);
    const double ny_ashburn = city_rtt_ms("New York", "Ashburn");  // a datacenter next door: ~10 ms in the chapter
    CHECK(ny_ashburn > 10);
    CHECK(ny_ashburn < 20);
    CHECK(city_rtt_ms("Nowhere", "Tokyo") == 0);
  }

  TEST_CASE("what distribution buys: nearer users, more nines") {
    TradeoffInputs in;
    double last_mean = 1e9, last_worst = 1e9;
    for (int n = 1; n <= kMaxRegions; ++n) {
      in.regions = n;
      const TradeoffResult r = compute_tradeoffs(in);
      CAPTURE(n);
      CHECK(r.mean_rtt_ms <= last_mean);
      CHECK(r.worst_rtt_ms <= last_worst);
      CHECK(r.worst_rtt_ms >= r.mean_rtt_ms);
      last_mean = r.mean_rtt_ms;
      last_worst = r.worst_rtt_ms;
    }
    in.regions = 1;
    const TradeoffResult one = compute_tradeoffs(in);
    in.regions = 3;
    const TradeoffResult three = compute_tradeoffs(in);
    // The scene promises "about half" from 1 to 3 regions.
    CHECK(three.mean_rtt_ms < 0.6 * one.mean_rtt_ms);
    CHECK(three.mean_rtt_ms > 0.3 * one.mean_rtt_ms);
    CHECK(three.one_region_mean_rtt_ms == one.mean_rtt_ms);

    // 1 - (1 - a)^n and the series cap.
    in.region_availability = 0.99;
    in.regions = 2;
    CHECK(compute_tradeoffs(in).availability == doctest::Approx(0.9999).epsilon(1e-12));
    in.regions = 3;
    CHECK(compute_tradeoffs(in).availability == doctest::Approx(0.999999).epsilon(1e-12));
    in.central_database = true;
    in.database_availability = 0.99;
    CHECK(compute_tradeoffs(in).availability == doctest::Approx(0.999999 * 0.99).epsilon(1e-12));
    in.availability_target = 0.999;
    CHECK(compute_tradeoffs(in).regions_for_target == 0);  // no region count beats the database
    CHECK_FALSE(compute_tradeoffs(in).meets_target);
    in.central_database = false;
    in.region_availability = 0.999;
    in.availability_target = 0.99999;
    CHECK(compute_tradeoffs(in).regions_for_target == 2);  // 0.999999
    in.availability_target = 0.999;
    CHECK(compute_tradeoffs(in).regions_for_target == 1);
  }

  TEST_CASE("what it costs: servers, money, links, clocks, failure modes") {
    TradeoffInputs in;  // 1e6 users x 0.05 req/s = 50,000 req/s at 1,000 per server
    in.regions = 1;
    TradeoffResult r = compute_tradeoffs(in);
    CHECK(r.load_rps == 50000);
    CHECK(r.servers == 51);  // 50 + 1 spare
    CHECK(r.usd_per_month == doctest::Approx(51 * 0.34 * 730));
    CHECK(r.components == 52);  // + a load balancer
    CHECK(r.inter_region_links == 0);
    CHECK(r.sync_write_rtt_ms == 0);
    CHECK(r.failure_modes == 4);
    in.regions = 3;
    in.central_database = true;
    r = compute_tradeoffs(in);
    CHECK(r.servers > r.one_region_servers);  // failover headroom and spares in every region
    CHECK(r.usd_per_month > r.one_region_usd_per_month);
    CHECK(r.inter_region_links == 3);
    CHECK(r.clocks == r.servers);
    CHECK(r.components == r.servers + 3 + 1);
    CHECK(r.failure_modes == 7);
    CHECK(r.failure_modes == int(failure_mode_names(in).size()));
    // Virginia, Frankfurt, Tokyo: the farthest pair is Virginia-Tokyo.
    CHECK(r.sync_write_rtt_ms == doctest::Approx(city_rtt_ms("Ashburn", "Tokyo")));
    CHECK(r.sync_write_rtt_ms > city_rtt_ms("Frankfurt", "Tokyo"));
    CHECK(r.sync_write_rtt_ms > 100);
    in.regions = 6;
    CHECK(compute_tradeoffs(in).inter_region_links == 15);
    // Out-of-range inputs are clamped, not trusted.
    in.regions = 99;
    in.users = -5;
    r = compute_tradeoffs(in);
    CHECK(r.inter_region_links == 15);
    CHECK(r.load_rps == 0);
  }

  TEST_CASE("the user weights sum to one and name known cities") {
    double sum = 0;
    for (const UserCity& u : user_cities()) {
      CAPTURE(u.city);
      CHECK(city_rtt_ms(u.city, "Ashburn") > 0);
      sum += u.share;
    }
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
    for (const char* r : deploy_order()) CHECK(city_rtt_ms(r, "London") > 0);
  }

  TEST_CASE("every trade-off, example and prompt links to a scene that accepts its settings") {
    CHECK(tradeoff_rows().size() == 4);
    CHECK(example_rows().size() == 4);
    CHECK(understanding_prompts().size() == 3);
    for (const auto rows : {tradeoff_rows(), example_rows(), understanding_prompts()})
      for (const TradeoffRow& row : rows) {
        CHECK(std::string(row.title).size() > 3);
        check_link(row.link);
      }
  }

  TEST_CASE("scene: settings feed the calculator; the live run meets its figures") {
    auto m = test::run<TradeoffsModel>({{"regions", 3}, {"region_availability_pct", 99.999}}, 10 * kMin, 2);
    CHECK(m->region_outages() == 0);
    CHECK(m->requests() > 5000);  // ~10 sampled requests per second
    CHECK(test::metric(*m, "measured_availability") == 1.0);
    // With every region up, each sampled user goes to the nearest region:
    // the measured mean converges to the user-weighted mean.
    CHECK(test::metric(*m, "measured_mean_rtt_ms") == doctest::Approx(m->result().mean_rtt_ms).epsilon(0.05));
    CHECK(test::metric(*m, "servers") == m->result().servers);

    // Take Virginia down (it is back in about a minute): meanwhile its
    // users fail over farther away and wait longer.
    const double before = test::metric(*m, "measured_mean_rtt_ms");
    auto down = test::run<TradeoffsModel>({{"regions", 3}, {"region_availability_pct", 99.999}}, 0, 2);
    down->toggle(0);
    down->run_until(20 * kSec);
    REQUIRE_FALSE(down->up(0));
    CHECK(down->requests() > 100);
    CHECK(down->check_invariants() == "");
    CHECK(test::metric(*down, "measured_availability") == 1.0);
    CHECK(test::metric(*down, "measured_mean_rtt_ms") > before * 1.3);

    // One region down and nothing else: every request fails.
    auto solo = test::run<TradeoffsModel>({{"regions", 1}, {"region_availability_pct", 99.999}}, 0, 2);
    solo->toggle(0);
    solo->run_until(1 * kMin);
    CHECK(solo->requests() > 0);
    CHECK(solo->failed_requests() == solo->requests());
  }

  TEST_CASE("scene: measured availability meets 1 - (1 - a)^n over a long run") {
    // Teaching scale: a region at 90% fails every ~9 min and is back in ~1.
    auto m = test::run<TradeoffsModel>({{"regions", 1}, {"region_availability_pct", 90}}, 24 * kHour, 5);
    CHECK(m->region_outages() > 50);
    CHECK(m->measured_availability() == doctest::Approx(0.9).epsilon(0.02));
    auto two = test::run<TradeoffsModel>({{"regions", 2}, {"region_availability_pct", 90}}, 24 * kHour, 5);
    CHECK(two->measured_availability() == doctest::Approx(0.99).epsilon(0.01));
  }
}

TEST_SUITE("quiz scene") {
  using quiz::Type;

  // Answers question q right (or wrong) through the model's commands.
  void answer(QuizModel& m, size_t q, bool right) {
    const quiz::Question& qu = m.question(q);
    if (qu.prompt_explanation) m.set_explanation(q, "Because.");
    switch (qu.type) {
      case Type::MultipleChoice:
        if (right) {
          for (uint32_t c : qu.correct) m.choose(q, c);
        } else {
          m.choose(q, uint32_t(qu.options.size() - 1));  // the last option is a distractor
        }
        break;
      case Type::ShortAnswer: m.set_text(q, right ? "  " + qu.answer + " " : "no idea"); break;
      case Type::Tracing:
        m.set_compiles(q, qu.does_compile);
        m.set_text(q, right ? qu.expected_stdout : "?");
        break;
    }
    CHECK(m.can_submit(q));
    m.submit(q);
    CHECK(m.submitted(q));
  }

  TEST_CASE("answer everything, score, retry the missed ones") {
    QuizModel m;
    m.reset(3);
    REQUIRE(m.count() == 10);
    CHECK(m.source() == "dsviz-quiz.toml");
    for (size_t q = 0; q < m.count(); ++q) {
      CAPTURE(q);
      CHECK(m.live_link(q) != nullptr);
      CHECK_FALSE((m.can_submit(q) && m.question(q).type != Type::Tracing));
      answer(m, q, q != 2 && q != 6);
    }
    CHECK(m.finished());
    CHECK(m.score().correct == 8);
    CHECK(m.missed() == std::vector<size_t>{2, 6});
    CHECK(test::metric(m, "score_pct") == 80);
    // A submitted answer is locked.
    m.choose(0, 1);
    CHECK(m.correct(0));

    m.retry_missed();
    CHECK(m.retry_queue() == std::vector<size_t>{2, 6});
    CHECK(m.current() == 2);
    CHECK_FALSE(m.submitted(2));
    CHECK(m.score().submitted == 8);
    answer(m, 2, true);
    m.next();
    CHECK(m.current() == 6);
    answer(m, 6, true);
    CHECK(m.retry_queue().empty());
    CHECK(m.score().correct == 10);
  }

  TEST_CASE("one answer replaces the other; select-all toggles; the seed orders the options") {
    QuizModel m;
    m.reset(1);
    size_t single = 0, all = 0;
    for (size_t q = 0; q < m.count(); ++q) {
      if (m.question(q).type != Type::MultipleChoice) continue;
      (m.question(q).select_all ? all : single) = q;
    }
    m.choose(single, 1);
    m.choose(single, 2);
    CHECK(m.answer(single)->chosen == std::vector<uint32_t>{2});
    m.choose(all, 0);
    m.choose(all, 1);
    m.choose(all, 0, false);
    CHECK(m.answer(all)->chosen == std::vector<uint32_t>{1});
    // Shuffled by the seed, the same after replay; file order with shuffle off.
    const auto o1 = m.order(0);
    m.replay_to(0);
    CHECK(m.order(0) == o1);
    CHECK(m.answer(single)->chosen == std::vector<uint32_t>{2});  // answers survive a reset
    bool differs = false;
    for (uint64_t seed = 2; seed < 10 && !differs; ++seed) {
      m.reset(seed);
      differs = m.order(0) != o1;
    }
    CHECK(differs);
    REQUIRE(m.set("shuffle", 0));
    std::vector<uint32_t> file_order(m.question(0).options.size());
    for (uint32_t i = 0; i < file_order.size(); ++i) file_order[i] = i;
    CHECK(m.order(0) == file_order);
  }

  TEST_CASE("French keeps the answers; a broken quiz is refused and the current one stays; the record") {
    QuizModel m;
    m.reset(1);
    answer(m, 0, true);
    answer(m, 1, false);
    const std::string rec = m.answers_record();
    REQUIRE(m.set("lang", 1));
    CHECK(m.source() == "dsviz-quiz.fr.toml");
    CHECK(m.question(0).prompt.find("syst\xc3\xa8me") != std::string::npos);
    CHECK(m.score().submitted == 2);
    CHECK(m.correct(0));
    CHECK_FALSE(m.correct(1));

    std::vector<quiz::Problem> problems;
    CHECK_FALSE(m.load("questions = []", "broken.toml", &problems));
    CHECK(problems.size() == 1);
    CHECK(m.count() == 10);
    CHECK(m.source() == "dsviz-quiz.fr.toml");

    // A quiz with other ids: the old answers do not apply to it.
    CHECK(m.load("[[questions]]\nid = \"x\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"2 + 2?\"\nanswer.answer = \"4\"\n",
                 "other.toml"));
    CHECK(m.count() == 1);
    CHECK(m.score().submitted == 0);
    CHECK(m.live_link(0) == nullptr);

    QuizModel fresh;
    fresh.reset(1);
    REQUIRE(fresh.load_answers_record(rec));
    CHECK(fresh.score().submitted == 2);
    CHECK(fresh.score().correct == 1);
    CHECK_FALSE(fresh.load_answers_record("not a record"));
    CHECK(fresh.score().submitted == 2);

    fresh.restart();
    CHECK(fresh.score().submitted == 0);
    CHECK(fresh.current() == 0);
  }

  TEST_CASE("promptExplanation waits for a sentence") {
    QuizModel m;
    REQUIRE(m.load("[[questions]]\ntype = \"ShortAnswer\"\npromptExplanation = true\nprompt.prompt = \"Why?\"\nanswer.answer = \"because\"\n",
                   "t.toml"));
    m.reset(1);
    m.set_text(0, "because");
    CHECK(m.needs_explanation(0));
    CHECK_FALSE(m.can_submit(0));
    m.submit(0);
    CHECK_FALSE(m.submitted(0));
    m.set_explanation(0, "It is so.");
    CHECK(m.can_submit(0));
    m.submit(0);
    CHECK(m.correct(0));
  }
}
