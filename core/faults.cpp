#include "faults.h"

#include "detmath.h"

namespace dsviz {

Time FailureSpec::sample(Time mean, Rng& rng) {
  // At least 1 ns so a crash and its repair never share an instant.
  const double t = rng.exponential(double(mean));
  if (t >= 9e18) return Time(9e18);
  return t < 1 ? 1 : Time(t);
}

double FailureSpec::availability() const {
  const double up = double(mtbf), down = double(mttr);
  return up + down > 0 ? up / (up + down) : 1.0;
}

double parallel_availability(double a, int n) {
  double down = 1;
  for (int i = 0; i < n; ++i) down *= (1 - a);
  return 1 - down;
}

double downtime_per_year_h(double a) { return (1 - a) * 365.25 * 24; }

double nines(double a) {
  if (a >= 1 - 1e-12) return 12;
  if (a <= 0) return 0;
  return -dm::log(1 - a) / dm::log(10);
}

bool OverloadTracker::update(Time now, double load, double capacity, Time grace) {
  if (load <= capacity) {
    over_since_ = -1;
    return false;
  }
  if (over_since_ < 0) over_since_ = now;
  return now - over_since_ >= grace;
}

}  // namespace dsviz
