#include "concurrency.h"

#include "describe.h"

#include <memory>

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kRoundStart = 0,    // the next round of the scenario begins
  kClientStart = 1,   // two users: a = client
  kMsgArrival = 16,   // + the message's MsgKind: node = receiver, a = msg id, b = payload
};
constexpr uint64_t kStreamNet = 1, kStreamStagger = 2, kStreamTrials = 0x7a1a10000ULL;
constexpr int kBatchBins = 30;

}  // namespace

const char* ConcurrencyModel::kind_name(uint32_t kind) {
  static const char* const names[kMsgKinds] = {"Request", "Query", "Update", "Response", "Ack",     "Result",
                                               "Increment", "Read", "Value", "Write",   "Written", "Done"};
  return kind < kMsgKinds ? names[kind] : "?";
}

ConcurrencyModel::ConcurrencyModel() {
  add_param(kMode, {"mode", 0, 1, 0, "", "Off, one user's request fans out from A to B and C (the chapter's diagram); on, two users increment one record", true, false, "Two users, one record"});
  add_param(kUserMs, {"user_ms", 0.1, 500, 20, "ms", "One-way latency between a user and its server", false, true, "User link"});
  add_param(kUserJitterMs, {"user_jitter_ms", 0, 500, 10, "ms", "Random extra delay on user links, uniform 0..jitter", false, false, "User link jitter"});
  add_param(kAbMs, {"ab_ms", 0.1, 500, 30, "ms", "One-way latency between Server A and Server B", false, true, "A-B link"});
  add_param(kAbJitterMs, {"ab_jitter_ms", 0, 500, 30, "ms", "Random extra delay on the A-B link, uniform 0..jitter", false, false, "A-B jitter"});
  add_param(kAcMs, {"ac_ms", 0.1, 500, 30, "ms", "One-way latency between Server A and Server C", false, true, "A-C link"});
  add_param(kAcJitterMs, {"ac_jitter_ms", 0, 500, 30, "ms", "Random extra delay on the A-C link, uniform 0..jitter", false, false, "A-C jitter"});
  add_param(kThinkMs, {"think_ms", 0, 10000, 500, "ms", "Pause between one round's end and the next request", false, false, "Think time"});
  add_param(kStaggerMs, {"stagger_ms", 0, 1000, 200, "ms", "Two users: each starts within this long after the round begins", false, false, "Stagger (two users)"});
}

void ConcurrencyModel::apply_links() {
  auto spec = [&](size_t lat, size_t jit) {
    LinkSpec l;
    l.latency = from_ms(param(lat));
    l.jitter = from_ms(param(jit));
    return l;
  };
  const LinkSpec user = spec(kUserMs, kUserJitterMs);
  cl_.net.set_default(user);
  if (mode() == kFanOut) {
    cl_.net.set_link_both(kUser, kA, user);
  } else {
    cl_.net.set_link_both(kUser, kB, user);
    cl_.net.set_link_both(kUser2, kC, user);
  }
  cl_.net.set_link_both(kA, kB, spec(kAbMs, kAbJitterMs));
  cl_.net.set_link_both(kA, kC, spec(kAcMs, kAcJitterMs));
}

void ConcurrencyModel::on_reset() {
  cl_.reset(sim_, node_count(), LinkSpec{}, kStreamNet);
  apply_links();
  stagger_rng_ = sim_.stream(kStreamStagger);
  cur_ = Round{};
  running_ = false;
  rounds_.clear();
  rounds_started_ = rounds_done_ = 0;
  a_got_request_ = result_sent_ = 0;
  replies_ = 0;
  x_ = 0;
  writes_ = 0;
  clients_done_ = 0;
  order_b_first_ = order_c_first_ = order_ties_ = lost_updates_ = requests_done_ = 0;
  first_reply_at_ = 0;
  latency_.clear();
  batch_ = Batch{};
  sim_.at(0, Event{kRoundStart, 0, 0, 0});
}

void ConcurrencyModel::on_param_changed(size_t i) {
  if (i == kMode) {
    reset(seed());
    return;
  }
  // Links, think time and stagger take effect live (the next message or
  // round), so a reader can drag a slider and watch.
  apply_links();
  batch_ = Batch{};  // drawn with the old settings
}

void ConcurrencyModel::send(uint32_t from, uint32_t to, uint32_t kind, uint64_t payload) {
  cl_.send(sim_, from, to, kind, Event{kMsgArrival + kind, to, 0, payload});
}

void ConcurrencyModel::start_round() {
  cur_ = Round{};
  cur_.index = rounds_started_++;
  cur_.start = sim_.now();
  cur_.first_msg = cl_.sent();
  running_ = true;
  replies_ = 0;
  clients_done_ = 0;
  if (mode() == kFanOut) {
    send(kUser, kA, kRequest, cur_.index);
    return;
  }
  cur_.start_value = x_;
  // Both users act "at the same time": each within stagger_ms of the start.
  const Time stagger = from_ms(param(kStaggerMs));
  for (uint64_t c = 0; c < 2; ++c) {
    const Time d = stagger > 0 ? Time(stagger_rng_.uniform01() * double(stagger)) : 0;
    sim_.after(d, Event{kClientStart, 0, c, 0});
  }
}

void ConcurrencyModel::finish_round() {
  cur_.end = sim_.now();
  cur_.final_value = x_;
  running_ = false;
  ++rounds_done_;
  rounds_.push(cur_);
  sim_.after(from_ms(param(kThinkMs)), Event{kRoundStart, 0, 0, 0});
}

void ConcurrencyModel::on_event(const Event& e) {
  if (e.kind == kRoundStart) {
    start_round();
    return;
  }
  if (e.kind == kClientStart) {
    const int c = int(e.a);
    send(user_of(c), server_of(c), kIncrement, 0);
    return;
  }
  const uint32_t mk = e.kind - kMsgArrival;
  sim_.require(mk < kMsgKinds, "event kinds are known");
  cl_.deliver(sim_, e.a);
  const Time now = sim_.now();
  switch (mk) {
    // Fan-out: A waits for both branches, then answers once.
    case kRequest:
      cur_.up = now - cur_.start;
      a_got_request_ = now;
      send(kA, kB, kQuery, e.b);
      send(kA, kC, kUpdate, e.b);
      return;
    case kQuery:
      send(kB, kA, kResponse, e.b);
      return;
    case kUpdate:
      send(kC, kA, kAck, e.b);
      return;
    case kResponse:
    case kAck: {
      const bool is_b = mk == kResponse;
      (is_b ? cur_.branch_b : cur_.branch_c) = now - a_got_request_;
      if (++replies_ == 1) {
        cur_.b_first = is_b;
        first_reply_at_ = now;
      }
      if (replies_ == 2) {
        // Both replies in the same nanosecond: neither came first, whatever
        // order the simulator handled them in.
        if (now == first_reply_at_) {
          cur_.tie = true;
          cur_.b_first = false;
        }
        result_sent_ = now;
        send(kA, kUser, kResult, e.b);
      }
      return;
    }
    case kResult: {
      cur_.latency = now - cur_.start;
      cur_.down = now - result_sent_;
      (cur_.tie ? order_ties_ : cur_.b_first ? order_b_first_ : order_c_first_)++;
      latency_.add(cur_.latency);
      ++requests_done_;
      finish_round();
      return;
    }
    // Two users: read x at A, add one, write it back. Nothing stops the
    // other user's read from landing between this read and this write.
    // Payloads: Read carries the client, Write (value << 1 | client).
    case kIncrement:
      send(e.node, kA, kRead, uint64_t(client_of_server(e.node)));
      return;
    case kRead:
      send(kA, server_of(int(e.b)), kValue, uint64_t(x_));
      return;
    case kValue: {
      const int c = client_of_server(e.node);
      cur_.read_value[c] = int64_t(e.b);
      cur_.write_value[c] = int64_t(e.b) + 1;
      send(e.node, kA, kWrite, ((e.b + 1) << 1) | uint64_t(c));
      return;
    }
    case kWrite: {
      const int c = int(e.b & 1);
      const int64_t value = int64_t(e.b >> 1);
      const int64_t base = value - 1;  // the value this writer read
      sim_.require(x_ >= base && x_ - base <= 1, "two writers lose at most one update per round");
      if (x_ != base) {  // someone wrote since this writer read: their increment vanishes
        lost_updates_ += uint64_t(x_ - base);
        cur_.lost_client = c;
        cur_.lost_write_msg = e.a;
      }
      x_ = value;
      ++writes_;
      send(kA, server_of(c), kWritten, 0);
      return;
    }
    case kWritten:
      send(e.node, user_of(client_of_server(e.node)), kDone, 0);
      return;
    case kDone: {
      const int c = e.node == kUser ? 0 : 1;
      cur_.client_latency[c] = now - cur_.start;
      latency_.add(cur_.client_latency[c]);
      ++requests_done_;
      if (++clients_done_ == 2) finish_round();
      return;
    }
  }
}

void ConcurrencyModel::run_batch(int runs) {
  if (runs < 1) runs = 1;
  if (runs > 100000) runs = 100000;
  // A second model with the same settings runs one round per trial.
  auto trial = std::make_unique<ConcurrencyModel>();
  for (size_t i = 0; i < params().size(); ++i) trial->set(params()[i].key, param(i));
  Batch b;
  b.runs = runs;
  std::vector<Time> lat;
  lat.reserve(size_t(runs) * 2);
  double sum_lat = 0, sum_slow = 0, sum_sum = 0;
  for (int i = 0; i < runs; ++i) {
    trial->reset(derive_seed(seed(), kStreamTrials + uint64_t(i)));
    while (trial->rounds_done() == 0 && trial->step()) {
    }
    const Round& r = trial->rounds().back();
    if (mode() == kFanOut) {
      (r.tie ? b.ties : r.b_first ? b.b_first : b.c_first)++;
      lat.push_back(r.latency);
      sum_lat += double(r.latency);
      sum_slow += double(r.up + (r.branch_b > r.branch_c ? r.branch_b : r.branch_c) + r.down);
      sum_sum += double(r.up + r.branch_b + r.branch_c + r.down);
    } else {
      if (r.lost_client >= 0) ++b.lost;
      for (int c = 0; c < 2; ++c) {
        lat.push_back(r.client_latency[c]);
        sum_lat += double(r.client_latency[c]);
      }
    }
  }
  for (Time t : lat) b.latency.add(t);
  const double n = double(lat.size());
  b.mean_latency_ms = to_ms(sum_lat / n);
  b.mean_slower_ms = mode() == kFanOut ? to_ms(sum_slow / double(runs)) : 0;
  b.mean_sum_ms = mode() == kFanOut ? to_ms(sum_sum / double(runs)) : 0;
  const double lo = to_ms(b.latency.min()), hi = to_ms(b.latency.max());
  b.lo_ms = lo;
  b.bin_ms = hi > lo ? (hi - lo) / kBatchBins : 1.0;
  b.bins.assign(kBatchBins, 0);
  for (Time t : lat) {
    int k = int((to_ms(t) - lo) / b.bin_ms);
    if (k < 0) k = 0;
    if (k >= kBatchBins) k = kBatchBins - 1;
    ++b.bins[size_t(k)];
  }
  batch_ = std::move(b);
}

void ConcurrencyModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"rounds", double(rounds_done_)});
  out.push_back({"order_b_first", double(order_b_first_)});
  out.push_back({"order_c_first", double(order_c_first_)});
  out.push_back({"order_ties", double(order_ties_)});
  out.push_back({"latency_p50_ms", to_ms(latency_.quantile(0.5))});
  out.push_back({"latency_p99_ms", to_ms(latency_.quantile(0.99))});
  out.push_back({"lost_updates", double(lost_updates_)});
  // The last "Run 1,000 times" (all 0 until the reader runs one).
  const Batch& b = batch_;
  out.push_back({"batch_runs", double(b.runs)});
  out.push_back({"batch_b_first", double(b.b_first)});
  out.push_back({"batch_c_first", double(b.c_first)});
  out.push_back({"batch_ties", double(b.ties)});
  out.push_back({"batch_lost_update_rounds", double(b.lost)});
  out.push_back({"batch_mean_latency_ms", b.mean_latency_ms});
  out.push_back({"batch_mean_slower_branch_ms", b.mean_slower_ms});
  out.push_back({"batch_mean_sum_of_branches_ms", b.mean_sum_ms});
}

std::string ConcurrencyModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (rounds_done_ + (running_ ? 1 : 0) != rounds_started_) return "invariant: rounds done + running == rounds started";
  if (latency_.count() != requests_done_) return "invariant: one latency sample per completed request";
  if (mode() == kFanOut) {
    if (order_b_first_ + order_c_first_ + order_ties_ != rounds_done_) return "invariant: every round has one reply order (or a tie)";
    if (lost_updates_ != 0 || writes_ != 0) return "invariant: fan-out mode writes no record";
    if (requests_done_ != rounds_done_) return "invariant: one request per fan-out round";
  } else {
    if (order_b_first_ + order_c_first_ + order_ties_ != 0) return "invariant: two-users mode has no fan-out rounds";
    if (uint64_t(x_) + lost_updates_ != writes_) return "invariant: record value == writes - lost updates";
    if (requests_done_ < 2 * rounds_done_) return "invariant: two increments per completed round";
  }
  if (cl_.lost() != 0) return "invariant: no message is lost on these links";
  return "";
}

std::string ConcurrencyModel::describe() const {
  std::string s;
  if (mode() == kFanOut) {
    s = "One user's request to A fans out to B and C at once";
    if (rounds_done_ > 0) {
      s += "; " + count_of(rounds_done_, "round", "rounds") + " done";
      s += say(": B answered first in %llu, C in %llu", (unsigned long long)order_b_first_,
               (unsigned long long)order_c_first_);
      if (order_ties_) s += say(", %llu ties", (unsigned long long)order_ties_);
      for (size_t i = rounds_.size(); i-- > 0;) {
        const Round& r = rounds_[i];
        if (!r.done()) continue;
        s += "; the last round took " + spoken_ms(to_ms(double(r.latency))) +
             (r.tie ? ", both replies at once" : r.b_first ? ", B first" : ", C first");
        break;
      }
    } else {
      s += "; no round has finished yet";
    }
  } else {
    s = say("Two users increment one record, now %lld", (long long)x_);
    s += "; " + count_of(rounds_done_, "round", "rounds") + " done, " + count_of(lost_updates_, "update", "updates") + " lost";
  }
  if (round_running()) s += "; a round is running";
  if (batch_.runs > 0) s += say("; the batch of %d runs: B first %llu times, C first %llu", batch_.runs,
                               (unsigned long long)batch_.b_first, (unsigned long long)batch_.c_first);
  return s + ".";
}

const SceneInfo& concurrency_scene() {
  static const SceneInfo info = {
    "concurrency", "Concurrency", "1. Concurrency",
     "The chapter's sequence diagram, live: A asks B and C at once, so their replies race and the user waits for the slower branch, not the sum.\n"
     "The scenario repeats (the next request a Think time after the last result), so counts grow with duration. Other mode: two users increment one record and an update is lost.",
     {"Press 'Run 1,000 times': B first about half the time when the links match.",
      "Make the A-C link slower: C's ack comes last almost always, and latency follows the slower branch.",
      "Compare the mean latency with the sum of both branches: concurrency hides the faster one.",
      "Switch on 'Two users, one record' and find the red write that overwrites the other.",
      "Raise Stagger (two users): lost updates get rarer but never vanish; even at 1,000 ms about one round in six loses one."},
     10 * kMin,
    // A round takes ~150 ms, so 0.15x shows it over ~1 s.
    0.15f, &make_model<ConcurrencyModel>,
      {
       {"Fan-out, equal links", "mode=0"},
       {"A-C link five times slower", "ac_ms=150"},
       {"Two users, one record", "mode=1"},
       {"Two users, starts far apart", "mode=1&stagger_ms=1000"}}};
  return info;
}

}  // namespace dsviz
