// The shell's pure parts: launch options, metric names and units, the PNG writer.
#include <doctest.h>

#include <cstring>
#include <vector>

#include <zlib.h>

#include "options.h"
#include "panels.h"
#include "png.h"

using namespace dsviz::ui;

TEST_CASE("desktop flags") {
  LaunchOptions o;
  std::string err;
  const char* ok[] = {"dsviz", "--scene", "unity", "--seed", "42", "--frames", "10", "--screenshot", "x.png", "--embed"};
  REQUIRE(parse_args(10, ok, o, err));
  CHECK(o.scene == "unity");
  CHECK(o.seed == 42);
  CHECK(o.frames == 10);
  CHECK(o.screenshot == "x.png");
  CHECK(o.embed);

  const char* bad_flag[] = {"dsviz", "--sceen", "unity"};
  CHECK_FALSE(parse_args(3, bad_flag, o, err));
  CHECK(err.find("--sceen") != std::string::npos);
  const char* no_value[] = {"dsviz", "--seed"};
  CHECK_FALSE(parse_args(2, no_value, o, err));
  const char* bad_seed[] = {"dsviz", "--seed", "-3"};
  CHECK_FALSE(parse_args(3, bad_seed, o, err));
  const char* shot_without_frames[] = {"dsviz", "--screenshot", "x.png"};
  LaunchOptions fresh;
  CHECK_FALSE(parse_args(3, shot_without_frames, fresh, err));
  const char* bad_size[] = {"dsviz", "--size", "100x100"};
  CHECK_FALSE(parse_args(3, bad_size, fresh, err));
}

TEST_CASE("URL query") {
  LaunchOptions o = parse_query("?scene=unity&seed=9&embed=1&utm_source=x");
  CHECK(o.scene == "unity");
  CHECK(o.seed == 9);
  CHECK(o.embed);
  CHECK(o.notices.empty());

  o = parse_query("?seed=12abc&scene=%75nity");
  CHECK(o.scene == "unity");
  CHECK(o.seed == 1);
  REQUIRE(o.notices.size() == 1);
  CHECK(o.notices[0].find("12abc") != std::string::npos);

  o = parse_query("");
  CHECK(o.scene.empty());
  CHECK_FALSE(o.embed);
  CHECK(parse_query("?embed=0").embed == false);
  uint64_t v = 0;
  CHECK(parse_seed("18446744073709551615", v));
  CHECK(v == UINT64_MAX);
  CHECK_FALSE(parse_seed("18446744073709551616", v));
}

TEST_CASE("metric keys end with their unit") {
  CHECK(split_metric_key("latency_p99_ms").label == "Latency p99");
  CHECK(split_metric_key("latency_p99_ms").unit == "ms");
  CHECK(split_metric_key("throughput_req_s").unit == "req/s");
  CHECK(split_metric_key("availability_pct").unit == "%");
  CHECK(split_metric_key("drift_us").unit == "\xC2\xB5s");
  CHECK(split_metric_key("requests_served").label == "Requests served");
  CHECK(split_metric_key("requests_served").unit == "count");
  CHECK(format_value(12.345, "ms") == "12.3 ms");
  CHECK(format_value(99.5, "%") == "99.5 %");
  CHECK(format_value(1540, "count") == "1540");
  CHECK(format_value(0.25, "s") == "0.25 s");
  CHECK(format_value(0.987, "ratio") == "98.7 %");
}

static uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

TEST_CASE("PNG writer: valid chunks whose zlib stream holds exactly the filtered rows") {
  const int w = 200, h = 120;
  std::vector<uint8_t> rgba(size_t(w) * h * 4);
  for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = uint8_t(i * 7 / 1000);
  std::vector<uint8_t> png = encode_png(rgba.data(), w, h);
  const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  REQUIRE(png.size() > 8 + 25 + 12);
  CHECK(std::memcmp(png.data(), sig, 8) == 0);
  CHECK(be32(&png[8]) == 13);
  CHECK(std::memcmp(&png[12], "IHDR", 4) == 0);
  CHECK(be32(&png[16]) == uint32_t(w));
  CHECK(be32(&png[20]) == uint32_t(h));
  // IEND's CRC is fixed by the format: AE 42 60 82.
  CHECK(be32(&png[png.size() - 4]) == 0xAE426082u);
  size_t idat = 8 + 25;
  REQUIRE(std::memcmp(&png[idat + 4], "IDAT", 4) == 0);
  const uint8_t* z = &png[idat + 8];
  size_t zlen = be32(&png[idat]);
  CHECK(z[0] == 0x78);
  CHECK(zlen < rgba.size() / 4);  // compressed (the desktop build has zlib)
  std::vector<uint8_t> raw(size_t(h) * (size_t(w) * 4 + 1) + 16);
  uLongf n = uLongf(raw.size());
  REQUIRE(uncompress(raw.data(), &n, z, uLong(zlen)) == Z_OK);
  REQUIRE(n == size_t(h) * (size_t(w) * 4 + 1));
  for (int y = 0; y < h; ++y) {
    const uint8_t* r = &raw[size_t(y) * (size_t(w) * 4 + 1)];
    CHECK(r[0] == 0);  // filter "none"
    CHECK(std::memcmp(r + 1, &rgba[size_t(y) * w * 4], size_t(w) * 4) == 0);
  }
}
