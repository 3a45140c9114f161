#include "clock.h"

namespace dsviz {

void LocalClock::set_drift_ppm(double ppm, Time true_t) {
  // Re-base first so the reading is continuous when the rate changes.
  set(true_t, read(true_t));
  drift_ppm_ = ppm;
}

void LocalClock::sync(Time true_t, Time error_bound, Rng& rng) {
  const Time err = error_bound > 0 ? rng.range(-error_bound, error_bound) : 0;
  set(true_t, true_t + err);
}

}  // namespace dsviz
