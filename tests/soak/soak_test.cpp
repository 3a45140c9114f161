// Soak: every scene's model runs 24 virtual hours at full speed with its
// invariants holding, every metric finite and memory bounded (pending events
// and resident memory stop growing once the run is warm).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest.h>

#include <cmath>
#include <cstdio>

#include "bench/mesh_model.h"
#include "registry.h"

using namespace dsviz;

namespace {
// Resident memory in KiB (Linux), -1 where it cannot be read: under wasm
// (Node) there is no /proc, so the memory check is skipped there, and says so.
long rss_kib() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long pages = 0, resident = 0;
  const bool ok = std::fscanf(f, "%ld %ld", &pages, &resident) == 2;
  std::fclose(f);
  return ok ? resident * 4 : -1;
}

void soak(Model& m, const char* name) {
  CAPTURE(name);
  m.reset(2024);
  size_t warm_pending = 0;
  long warm_rss = 0;
  for (int hour = 1; hour <= 24; ++hour) {
    m.run_until(hour * kHour);
    REQUIRE(m.check_invariants() == "");
    std::vector<Metric> ms;
    m.metrics(ms);
    for (const Metric& x : ms) {
      CAPTURE(x.key);
      REQUIRE(std::isfinite(x.value));
    }
    if (hour == 2) {
      warm_pending = m.sim().pending();
      warm_rss = rss_kib();
    }
  }
  // Bounded: no more than twice the warm queue (plus slack) and 64 MiB more memory.
  CHECK(m.sim().pending() <= 2 * warm_pending + 64);
  if (warm_rss >= 0) {
    const long rss = rss_kib();
    REQUIRE(rss >= 0);
    CHECK(rss - warm_rss < 64 * 1024);
  } else {
    std::printf("soak %-14s memory check skipped: resident memory is not readable in this build "
                "(no /proc/self/statm, e.g. wasm under Node); only the pending-event bound was checked\n",
                name);
  }
  std::printf("soak %-14s 24 h virtual, %llu events, %zu pending, rss %ld KiB\n", name,
              (unsigned long long)m.events(), m.sim().pending(), rss_kib());
}
}  // namespace

TEST_CASE("every scene survives 24 virtual hours") {
  for (const auto& s : scenes()) {
    auto m = s.make();
    soak(*m, s.id);
  }
}

TEST_CASE("the 1,000-node mesh survives 24 virtual hours") {
  MeshModel m;
  REQUIRE(m.set("rate", 1));
  soak(m, "mesh-1000");
}
