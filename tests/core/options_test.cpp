// The page's URL parser and the desktop's flags (web/options.cpp, pure):
// one strict reader for numbers and seeds, bounded notices that say what is
// kept, and --set values the scene refuses reported for stderr / --strict.
#include <doctest.h>

#include <string>

#include "options.h"

using namespace dsviz::ui;

namespace {
bool any_has(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& l : lines)
    if (l.find(part) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_SUITE("options") {
  TEST_CASE("a URL's duplicated setting keeps the valid value and says so") {
    const LaunchOptions o = parse_query("?scene=unity&nodes=8&nodes=abc");
    REQUIRE(o.settings.size() == 1);
    CHECK(o.settings[0].first == "nodes");
    CHECK(o.settings[0].second == "8");
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].find("keeping 8") != std::string::npos);
    CHECK(o.notices[0].find("default") == std::string::npos);
  }
  TEST_CASE("the URL and the desktop read numbers and seeds the same strict way") {
    const LaunchOptions o = parse_query("?scene=unity&seed=%2B5&nodes=0x8&rate=inf&service_ms=%2030");
    CHECK(o.seed == 1);
    CHECK(o.settings.empty());
    CHECK(o.notices.size() == 4);
    LaunchOptions d;
    std::string err;
    const char* plus_seed[] = {"dsviz", "--seed", "+5"};
    CHECK_FALSE(parse_args(3, plus_seed, d, err));
    const char* hex[] = {"dsviz", "--set", "nodes=0x8"};
    CHECK_FALSE(parse_args(3, hex, d, err));
    CHECK(err.find("0x8") != std::string::npos);
    const char* space[] = {"dsviz", "--set", "nodes= 8"};
    CHECK_FALSE(parse_args(3, space, d, err));
  }
  TEST_CASE("a crafted query ends in at most 10 notices and a count") {
    std::string q = "?scene=unity";
    for (int i = 0; i < 5000; ++i) q += "&theme=t" + std::to_string(i) + "&nodes=x" + std::to_string(i);
    const LaunchOptions o = parse_query(q);
    REQUIRE(o.notices.size() == 11);
    CHECK(o.notices.back().find("more.") != std::string::npos);
  }
  TEST_CASE("a link's inputs reach the launch options") {
    const LaunchOptions o = parse_query("?scene=unity&seed=7&in=1.5:1:2,3:rate=20&embed=1&theme=light");
    CHECK(o.scene == "unity");
    CHECK(o.seed == 7);
    CHECK(o.embed);
    CHECK_FALSE(o.dark);
    REQUIRE(o.inputs.size() == 2);
    CHECK(o.inputs[0].at == 1'500'000'000);
    CHECK(o.inputs[1].value == 20);
    CHECK(parse_query("").scene.empty());
  }
  TEST_CASE("desktop: refused --set values are listed; --strict is read") {
    LaunchOptions d;
    std::string err;
    const char* argv[] = {"dsviz", "--scene", "unity", "--set", "nodes=99", "--set", "warp=9", "--set", "rate=20", "--strict"};
    REQUIRE(parse_args(10, argv, d, err));
    CHECK(d.strict);
    const auto refused = check_settings(d);
    REQUIRE(refused.size() == 2);
    CHECK(any_has(refused, "1 to 32"));
    CHECK(any_has(refused, "warp"));
    // A key with control characters (found by options_fuzz) is named
    // printably: the line stays one line on the terminal.
    LaunchOptions odd;
    const char* odd_argv[] = {"dsviz", "--set", "no\nde\x1bs=3"};
    REQUIRE(parse_args(3, odd_argv, odd, err));
    const auto odd_refused = check_settings(odd);
    REQUIRE(odd_refused.size() == 1);
    CHECK(odd_refused[0].find('\n') == std::string::npos);
    CHECK(odd_refused[0].find('\x1b') == std::string::npos);
    CHECK(any_has(odd_refused, "no?de?s"));
    LaunchOptions fine;
    const char* ok[] = {"dsviz", "--set", "nodes=3"};
    REQUIRE(parse_args(3, ok, fine, err));
    CHECK_FALSE(fine.strict);
    CHECK(check_settings(fine).empty());
    LaunchOptions link, b0;
    const char* with_link[] = {"dsviz", "--link", "scene=unity&seed=4&nodes=6&in=2:0"};
    REQUIRE(parse_args(3, with_link, link, err));
    CHECK(link.seed == 4);
    CHECK(link.inputs.size() == 1);
    const char* newline_flag[] = {"dsviz", "--scene\nunity"};  // found by options_fuzz
    CHECK_FALSE(parse_args(2, newline_flag, b0, err));
    CHECK(err.find('\n') == std::string::npos);
    const char* bad_link[] = {"dsviz", "--link", "scene=unity&nodes=abc"};
    LaunchOptions b;
    CHECK_FALSE(parse_args(3, bad_link, b, err));
  }
}
