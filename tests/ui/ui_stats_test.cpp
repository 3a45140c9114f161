// Frame statistics (web/frame_stats.h): nearest-rank percentiles over the
// last frames, and the JSON window.dsviz.stats() parses.
#include <doctest.h>

#include <string>

#include "frame_stats.h"

namespace dsviz::ui {
namespace {

TEST_CASE("percentiles are nearest-rank over the values given") {
  CHECK(percentile({}, 50) == 0);
  CHECK(percentile({7}, 99) == 7);
  CHECK(percentile({4, 1, 3, 2}, 50) == 2);
  CHECK(percentile({4, 1, 3, 2}, 100) == 4);
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(101 - i);
  CHECK(percentile(v, 99) == 99);
  CHECK(percentile(v, 1) == 1);
}

TEST_CASE("the statistics cover the last frames only and count skipped ones") {
  FrameStats st;
  FrameSample slow;
  slow.interval_ms = 100;
  slow.work_ms = 90;
  for (int i = 0; i < 10; ++i) st.add(slow);
  FrameSample fast;
  fast.interval_ms = 16;
  fast.work_ms = 5;
  fast.sim_ms = 1;
  fast.ui_ms = 3;
  fast.vertices = 1234;
  fast.draw_calls = 12;
  for (size_t i = 0; i < FrameStats::kWindow; ++i) st.add(fast);  // the slow ones fall out
  st.skip();
  st.skip();
  CHECK(st.drawn() == 10 + FrameStats::kWindow);
  CHECK(st.skipped() == 2);
  const std::string j = st.json(1000, 2000, true);
  CHECK(j.find("\"frame_ms_p50\":16.000") != std::string::npos);
  CHECK(j.find("\"frame_ms_p99\":16.000") != std::string::npos);
  CHECK(j.find("\"fps\":62.5") != std::string::npos);
  CHECK(j.find("\"sim_ms_p50\":1.000") != std::string::npos);
  CHECK(j.find("\"ui_ms_p50\":3.000") != std::string::npos);
  CHECK(j.find("\"vertices\":1234") != std::string::npos);
  CHECK(j.find("\"draw_calls\":12") != std::string::npos);
  CHECK(j.find("\"heap_bytes\":1000") != std::string::npos);
  CHECK(j.find("\"frames_skipped\":2") != std::string::npos);
  CHECK(j.find("\"idle\":true") != std::string::npos);
  CHECK(st.line(3 << 20).find("heap 3.0 MiB") != std::string::npos);
}

TEST_CASE("the statistics give the last frame's own times beside the percentiles") {
  FrameStats st;
  FrameSample a;
  a.interval_ms = 20;
  a.work_ms = 40;
  a.ui_ms = 30;
  st.add(a);
  FrameSample b;
  b.interval_ms = 16;
  b.work_ms = 7.5;
  b.sim_ms = 0.5;
  b.ui_ms = 4.25;
  b.render_ms = 2;
  st.add(b);
  const std::string j = st.json(0, 0, false);
  CHECK(j.find("\"last_work_ms\":7.500") != std::string::npos);
  CHECK(j.find("\"last_sim_ms\":0.500") != std::string::npos);
  CHECK(j.find("\"last_ui_ms\":4.250") != std::string::npos);
  CHECK(j.find("\"last_render_ms\":2.000") != std::string::npos);
  CHECK(j.find("\"work_ms_p99\":40.000") != std::string::npos);  // the slower frame is still in the window
  CHECK(j.back() == '}');
}

}  // namespace
}  // namespace dsviz::ui
