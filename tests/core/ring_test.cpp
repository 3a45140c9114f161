#include <doctest.h>

#include <cstdint>
#include <deque>

#include "ring.h"
#include "rng.h"

using namespace dsviz;

// The ring against the plainest model of it: a deque that drops its front
// once it holds `capacity` items. The ring's storage grows in steps, so the
// random runs cross every growth step and the wrap after it.
TEST_SUITE("ring") {
  TEST_CASE("holds the newest `capacity` items in order while it grows and wraps") {
    for (size_t cap : {1u, 3u, 16u, 17u, 100u, 4096u}) {
      Ring<uint64_t> r(cap);
      size_t rounded = 1;
      while (rounded < cap) rounded <<= 1;
      CHECK(r.capacity() == rounded);
      std::deque<uint64_t> want;
      Rng rng(cap);
      uint64_t next = 0;
      for (int op = 0; op < 20000; ++op) {
        if (rng.below(997) == 0) {
          r.clear();
          want.clear();
          next = 0;
        } else {
          r.push(next * 7 + 1);
          want.push_back(next * 7 + 1);
          ++next;
          if (want.size() > rounded) want.pop_front();
        }
        REQUIRE(r.size() == want.size());
        REQUIRE(r.pushed() == next);
        if (!want.empty()) {
          CHECK(r[0] == want.front());
          CHECK(r.back() == want.back());
          const size_t i = size_t(rng.below(want.size()));
          CHECK(r[i] == want[i]);
          // find_pushed(k): item k is held exactly when it is among the newest.
          const uint64_t k = rng.below(next + 2);
          uint64_t* p = r.find_pushed(k);
          if (k < next && k + want.size() >= next) {
            REQUIRE(p != nullptr);
            CHECK(*p == k * 7 + 1);
          } else {
            CHECK(p == nullptr);
          }
        }
      }
    }
  }
  TEST_CASE("an item written through find_pushed stays written as the storage grows") {
    Ring<uint64_t> r(64);
    r.push(10);
    *r.find_pushed(0) = 11;
    for (uint64_t i = 1; i < 40; ++i) r.push(i);  // grows 16 -> 32 -> 64
    CHECK(r[0] == 11);
    CHECK(r.back() == 39);
  }
}
