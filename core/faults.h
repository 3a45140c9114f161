// Failure building blocks: crash/recover processes from MTBF/MTTR, overload
// failure, and the closed-form availability figures the scenes compare
// against. Shared failure domains (a rack, a power unit) are components of
// their own in the scenes that have them.
#pragma once
#include <cstdint>

#include "rng.h"
#include "vtime.h"

namespace dsviz {

// Up-times ~ Exp(mean MTBF), repair times ~ Exp(mean MTTR): the standard
// alternating renewal process whose long-run availability is
// MTBF / (MTBF + MTTR).
struct FailureSpec {
  Time mtbf = 24 * kHour;
  Time mttr = 1 * kHour;
  Time sample_uptime(Rng& rng) const { return sample(mtbf, rng); }
  Time sample_downtime(Rng& rng) const { return sample(mttr, rng); }
  double availability() const;

 private:
  static Time sample(Time mean, Rng& rng);
};

// A = 1 - (1 - a)^n: at least one of n independent replicas is up.
double parallel_availability(double a, int n);
// Series: every component needed, A = a * b.
inline double series_availability(double a, double b) { return a * b; }
// Expected downtime per 365.25-day year at availability a, in hours.
double downtime_per_year_h(double a);
// "Nines": 0.999 -> 3.0; capped at 12 for a = 1.
double nines(double a);

// A node that stays over capacity for longer than `grace` fails: tracks how
// long the load has been above the limit.
class OverloadTracker {
 public:
  // Returns true when the node should fail now.
  bool update(Time now, double load, double capacity, Time grace);
  void clear() { over_since_ = -1; }
  Time over_since() const { return over_since_; }

 private:
  Time over_since_ = -1;
};

}  // namespace dsviz
