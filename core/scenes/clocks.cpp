#include "clocks.h"

#include "describe.h"

#include <algorithm>
#include <cstring>

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kSend = 0,     // node sends its next message; a = send generation
  kArrival = 1,  // node = receiver, a = msg id, b = sender's Lamport stamp
  kSync = 2,     // node synchronises its clock; a = sync generation
};
constexpr uint64_t kStreamNet = 1, kStreamSend = 2, kStreamSetup = 3, kStreamSync = 4;
// The chapter's three clocks at true 10:00:00.000, relative to it.
constexpr Time kChapterOffset[3] = {1 * kSec + 123 * kMs, 2 * kSec + 456 * kMs, -(211 * kMs)};
constexpr Time kExtraOffsetMax = 3 * kSec;  // nodes beyond the third: within +-3 s

}  // namespace

ClocksModel::ClocksModel() {
  add_param(kNodes, {"nodes", 2, 8, 3, "nodes", "Computers, each with its own clock", true, false, "Nodes"});
  add_param(kDriftPpm, {"drift_ppm", 0, 500, 100, "ppm", "Each clock runs fast or slow by up to this much (drawn per node)", false, false, "Max drift"});
  add_param(kRate, {"rate", 0, 50, 2, "msg/s", "Messages each node sends to a random other node (Poisson)", false, false, "Message rate"});
  add_param(kLatencyMs, {"latency_ms", 0.1, 1000, 20, "ms", "One-way network latency", false, true, "Latency"});
  add_param(kJitterMs, {"jitter_ms", 0, 1000, 10, "ms", "Random extra delay per message, uniform 0..jitter", false, false, "Jitter"});
  add_param(kSyncPeriodS, {"sync_period_s", 0, 600, 0, "s", "Each node synchronises its clock this often; at 0 it never does", false, false, "Sync period"});
  add_param(kSyncErrorMs, {"sync_error_ms", 0, 1000, 5, "ms", "A sync sets the clock right to within +-this", false, false, "Sync error"});
  add_param(kLamport, {"lamport", 0, 1, 0, "", "Shows each event's Lamport logical timestamp beside its clock reading", true, false, "Lamport clocks"});
}

void ClocksModel::apply_link() {
  LinkSpec l;
  l.latency = from_ms(param(kLatencyMs));
  l.jitter = from_ms(param(kJitterMs));
  cl_.net.set_default(l);
}

void ClocksModel::apply_drift() {
  for (uint32_t i = 0; i < node_count(); ++i) {
    cl_.nodes[i].clock.set_drift_ppm(drift_factor_[i] * param(kDriftPpm), now());
    hash_clock(i);
  }
}

void ClocksModel::hash_clock(uint32_t node) {
  // A clock's offset and drift are shown (readings, skew) even when no
  // message is sent: the hash sees them.
  const LocalClock& c = cl_.nodes[node].clock;
  const double ppm = c.drift_ppm();
  uint64_t bits;
  std::memcpy(&bits, &ppm, sizeof bits);
  sim_.hash_in(uint64_t(c.error(sim_.now())));
  sim_.hash_in(bits);
}

void ClocksModel::on_reset() {
  const uint32_t n = node_count();
  cl_.reset(sim_, n, LinkSpec{}, kStreamNet);
  apply_link();
  Rng setup = sim_.stream(kStreamSetup);
  drift_factor_.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const Time offset = i < 3 ? kChapterOffset[i] : setup.range(-kExtraOffsetMax, kExtraOffsetMax);
    drift_factor_[i] = setup.uniform(-1, 1);
    cl_.nodes[i].clock = LocalClock(offset, drift_factor_[i] * param(kDriftPpm));
    hash_clock(i);
  }
  send_rng_ = sim_.stream(kStreamSend);
  sync_rng_ = sim_.stream(kStreamSync);
  last_lamport_.assign(n, 0);
  send_gen_ = sync_gen_ = 0;
  log_.clear();
  syncs_.clear();
  anomalies_ = lamport_violations_ = lamport_checked_ = unchecked_ = sends_ = receives_ = lost_ = 0;
  for (uint32_t i = 0; i < n; ++i) schedule_send(i);
  const Time period = from_s(param(kSyncPeriodS));
  // First syncs staggered over one period: every clock is set by t = period.
  for (uint32_t i = 0; i < n; ++i) schedule_sync(i, period * Time(i + 1) / Time(n));
}

void ClocksModel::on_param_changed(size_t i) {
  const uint32_t n = node_count();
  if (i == kNodes || cl_.nodes.size() != n) {
    reset(seed());
    return;  // a new run: the change is its start, not an event in it
  }
  if (i == kDriftPpm) {
    apply_drift();
  } else if (i == kRate) {
    ++send_gen_;  // pending sends were drawn for the old rate
    for (uint32_t k = 0; k < n; ++k) schedule_send(k);
  } else if (i == kLatencyMs || i == kJitterMs) {
    apply_link();
  } else if (i == kSyncPeriodS) {
    ++sync_gen_;
    const Time period = from_s(param(kSyncPeriodS));
    for (uint32_t k = 0; k < n; ++k) schedule_sync(k, period * Time(k + 1) / Time(n));
  }
  // The sync error applies at the next sync; Lamport clocks only change the
  // view. A live change is part of the run, its new value too.
  double v = param(i);
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  sim_.hash_in(0x5e7000ULL + i);
  sim_.hash_in(bits);
}

void ClocksModel::schedule_send(uint32_t node) {
  const double rate = param(kRate);
  if (rate <= 0) return;
  const Time gap = from_s(send_rng_.exponential(1.0 / rate));
  sim_.after(gap < 1 ? 1 : gap, Event{kSend, node, send_gen_, 0});
}

void ClocksModel::schedule_sync(uint32_t node, Time delay) {
  if (param(kSyncPeriodS) <= 0) return;
  sim_.after(delay < 1 ? 1 : delay, Event{kSync, node, sync_gen_, 0});
}

void ClocksModel::stamp(uint32_t node, uint64_t lamport) {
  // Each node's own events must carry increasing logical stamps.
  ++lamport_checked_;
  if (lamport <= last_lamport_[node]) ++lamport_violations_;
  last_lamport_[node] = lamport;
}

void ClocksModel::on_event(const Event& e) {
  const uint32_t n = node_count();
  switch (e.kind) {
    case kSend: {
      if (e.a != send_gen_) return;
      const uint32_t to = uint32_t((e.node + 1 + send_rng_.below(n - 1)) % n);
      const uint64_t lamport_next = cl_.nodes[e.node].lamport.value() + 1;  // what send() will stamp
      const uint64_t id = cl_.send(sim_, e.node, to, 0, Event{kArrival, to, 0, lamport_next});
      const MessageRecord& r = cl_.trace.back();
      sim_.require(r.id == id && r.lamport_send == lamport_next, "the trace holds the message just sent");
      ++sends_;
      if (r.lost) ++lost_;
      stamp(e.node, r.lamport_send);
      log_.push(LogEntry{sim_.now(), r.send_local, r.lamport_send, id, e.node, to, true, false});
      schedule_send(e.node);
      return;
    }
    case kArrival: {
      const uint64_t lamport_send = e.b;  // carried, so the check never depends on the trace ring
      const MessageRecord* r = cl_.deliver(sim_, e.a);
      ++receives_;
      uint64_t lamport_recv;
      Time local;
      bool anomaly = false;
      uint32_t from = 0;
      if (r) {
        lamport_recv = r->lamport_recv;
        local = r->recv_local;
        anomaly = is_anomaly(*r);
        from = r->from;
      } else {  // the ring is sized so this does not happen; counted if it does
        ++unchecked_;
        lamport_recv = cl_.nodes[e.node].lamport.value();  // deliver() updated it
        local = cl_.nodes[e.node].clock.read(sim_.now());
      }
      // Causality: a receive is stamped after its send, and after everything
      // that happened before it at this node.
      if (lamport_recv <= lamport_send) ++lamport_violations_;
      stamp(e.node, lamport_recv);
      if (anomaly) ++anomalies_;
      log_.push(LogEntry{sim_.now(), local, lamport_recv, e.a, e.node, from, false, anomaly});
      return;
    }
    case kSync: {
      if (e.a != sync_gen_) return;
      LocalClock& c = cl_.nodes[e.node].clock;
      const Time before = c.read(sim_.now());
      c.sync(sim_.now(), from_ms(param(kSyncErrorMs)), sync_rng_);
      const Time step = c.read(sim_.now()) - before;
      syncs_.push(SyncMark{sim_.now(), e.node, step});
      sim_.hash_in(uint64_t(step));  // the drawn error shapes the run without an event
      schedule_sync(e.node, from_s(param(kSyncPeriodS)));
      return;
    }
  }
  sim_.require(false, "event kinds are known");
}

Time ClocksModel::skew_now() const {
  Time lo = 0, hi = 0;
  for (uint32_t i = 0; i < node_count(); ++i) {
    const Time t = local_now(i);
    if (i == 0 || t < lo) lo = t;
    if (i == 0 || t > hi) hi = t;
  }
  return hi - lo;
}

void ClocksModel::order_by_local(size_t last, std::vector<size_t>& out) const {
  out.clear();
  const size_t n = log_.size() < last ? log_.size() : last;
  for (size_t i = log_.size() - n; i < log_.size(); ++i) out.push_back(i);
  std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) { return log_[a].local < log_[b].local; });
}

void ClocksModel::order_by_lamport(size_t last, std::vector<size_t>& out) const {
  out.clear();
  const size_t n = log_.size() < last ? log_.size() : last;
  for (size_t i = log_.size() - n; i < log_.size(); ++i) out.push_back(i);
  std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) {
    if (log_[a].lamport != log_[b].lamport) return log_[a].lamport < log_[b].lamport;
    return log_[a].node < log_[b].node;
  });
}

void ClocksModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"ordering_anomalies", double(anomalies_)});
  out.push_back({"max_clock_skew_ms", to_ms(skew_now())});
  out.push_back({"lamport_violations", double(lamport_violations_)});
}

std::string ClocksModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (sends_ != cl_.sent() || receives_ != cl_.delivered() || lost_ != cl_.lost())
    return "invariant: the model's own send, receive and loss counts match the network's";
  // Counted from the trace, not from the network's counters: a message
  // neither received nor lost is in flight, and its arrival is still ahead.
  uint64_t in_flight = 0;
  for (size_t k = 0; k < cl_.trace.size(); ++k) {
    const MessageRecord& r = cl_.trace[k];
    if (r.lost || r.delivered()) continue;
    if (r.due_true < now()) return "invariant: a message in flight arrives in the future";
    ++in_flight;
  }
  if (receives_ + lost_ + in_flight != sends_) return "invariant: received + lost + in flight (from the trace) == sent";
  if (anomalies_ > receives_) return "invariant: anomalies <= messages received";
  if (lamport_checked_ != sends_ + receives_) return "invariant: every send and receive had its Lamport stamp checked";
  if (lamport_violations_ != 0) return "invariant: Lamport stamps never contradict causality";
  if (unchecked_ != 0) return "invariant: the trace ring holds every message in flight";
  return "";
}

std::string ClocksModel::describe() const {
  std::string s = count_of(node_count(), "node", "nodes") + " with their own clocks";
  s += "; the clocks now disagree by up to " + spoken_ms(to_ms(double(skew_now())));
  s += param(kSyncPeriodS) > 0 ? say("; each syncs every %g s", param(kSyncPeriodS)) : std::string("; no sync");
  s += "; " + count_of(messages_delivered(), "message", "messages") + " delivered, " +
       say("%llu of them stamped as received before they were sent", (unsigned long long)anomalies());
  if (show_lamport()) s += "; Lamport clocks on, " + count_of(lamport_violations(), "violation", "violations");
  return s + ".";
}

const SceneInfo& clocks_scene() {
  static const SceneInfo info = {
    "clocks", "No global clock", "2. No Global Clock",
     "Each node reads its own clock (10:00:01.123, 10:00:02.456, 09:59:59.789 at the same instant), drifting by some ppm.\n"
     "Ordered by local timestamps, a message can be received before it was sent; sync narrows the gap, Lamport clocks respect causality.",
     {"Watch the red arrows: sent by a clock that runs ahead, stamped as received 'earlier'.",
      "Set Sync period to 10 s: anomalies stop once every clock is synchronised.",
      "Raise Sync error above half the Latency: anomalies come back despite the sync, since two clocks can err in opposite directions.",
      "Turn on Lamport clocks: the logical order never puts a receive before its send.",
      "Set Max drift to 500 ppm without sync: a clock can gain or lose up to 43 s a day."},
     10 * kMin,
    // 0.25x keeps the clocks visibly ticking and a 20 ms hop ~5 frames.
    0.25f, &make_model<ClocksModel>,
      {
       {"Drifting clocks, no sync", "sync_period_s=0"},
       {"Sync every 10 s", "sync_period_s=10"},
       {"Sync error above half the latency", "sync_period_s=10&sync_error_ms=30"},
       {"Lamport clocks on", "lamport=1"},
       {"500 ppm drift", "drift_ppm=500"}}};
  return info;
}

}  // namespace dsviz
