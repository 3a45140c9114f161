// Golden trace hashes: the same scene, seed, settings and duration must give
// the same hash natively and in the wasm build under Node (this file runs in
// both presets). A change that alters a run on purpose updates the table
// (print the new values with `dsviz-cli run --scene <id> --seed <n> --duration <d> --json`).
#include <doctest.h>

#include <cstdio>

#include "registry.h"

using namespace dsviz;

namespace {
struct Golden {
  const char* scene;
  uint64_t seed;
  Time duration;
  uint64_t hash;
};
// One row per scene at least; default settings.
const Golden kGolden[] = {
    {"unity", 1, 10 * kMin, 0xc3f1170f445fcb94ULL},
    {"unity", 42, 1 * kMin, 0x222955d07204fce3ULL},
    {"concurrency", 1, 10 * kMin, 0x2f66de3e6bd2bfc0ULL},
    {"concurrency", 42, 1 * kMin, 0xb486600a33dfdf0bULL},
    {"clocks", 1, 10 * kMin, 0xd4bc992ba8aa52aeULL},
    {"clocks", 42, 1 * kMin, 0x206512b2ac5fa2caULL},
    {"failure", 1, 24 * kHour, 0x3fbd9a907d76e22eULL},
    {"failure", 42, 6 * kHour, 0xc621425b9b71325bULL},
    {"availability", 1, 30 * 24 * kHour, 0x156d66ad8538f9b2ULL},
    {"availability", 42, 24 * kHour, 0x992a1bb4263df7e7ULL},
    {"scaling", 1, 60 * kSec, 0x1ce2640d0ff80431ULL},
    {"scaling", 42, 10 * kSec, 0x59f5ea47df522c66ULL},
    {"latency", 1, 60 * kSec, 0x375ca5a69b3dbd28ULL},
    {"latency", 42, 20 * kSec, 0x370a6bdb69f48174ULL},
    {"tradeoffs", 1, 10 * kMin, 0x7ef55331ee5fb615ULL},
    {"tradeoffs", 42, 1 * kMin, 0xa54359475ac1e606ULL},
    {"quiz", 1, 10 * kMin, 0x62bb3dae845df347ULL},
    {"quiz", 42, 1 * kMin, 0xfcc2c30625497a41ULL},
    {"replication", 1, 2 * kMin, 0xdb26d5981e9406d7ULL},
    {"replication", 42, 1 * kMin, 0x38ce6644f71a599fULL},
    {"balancing", 1, 2 * kMin, 0xed019dcd1a79ef2cULL},
    {"balancing", 42, 1 * kMin, 0x63e91de0f3906415ULL},
};
}  // namespace

TEST_SUITE("golden") {
  TEST_CASE("trace hashes match the table in every build") {
    for (const Golden& g : kGolden) {
      const SceneInfo* info = find_scene(g.scene);
      REQUIRE_MESSAGE(info, g.scene);
      auto m = info->make();
      m->reset(g.seed);
      m->run_until(g.duration);
      char got[24];
      std::snprintf(got, sizeof got, "%016llx", (unsigned long long)m->trace_hash());
      CAPTURE(g.scene);
      CAPTURE(g.seed);
      CAPTURE(got);
      CHECK(m->trace_hash() == g.hash);
      CHECK(m->check_invariants() == "");
    }
  }
  TEST_CASE("every registered scene has a golden row") {
    for (const auto& s : scenes()) {
      bool found = false;
      for (const Golden& g : kGolden) found |= std::string(g.scene) == s.id;
      CHECK_MESSAGE(found, s.id);
    }
  }
}
