#include "replication.h"

#include "describe.h"

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kWriteNext = 0,     // the users' next write; a = write token
  kReadNext = 1,      // the users' next read; a = read token
  kWriteArrive = 2,   // node, a = write id, b = node generation
  kWriteCommit = 3,   // node, a = write id, b = node generation
  kApply = 4,         // node = replica, a = position, b = write id | generation << 40
  kAck = 5,           // node = primary, a = position, b = write id | generation << 40
  kAckReceived = 6,   // a = write id: the user holds the acknowledgement
  kReadArrive = 7,    // node, a = read id, b = node generation
  kReadDone = 8,      // node, a = read id, b = node generation
  kCrashAt = 9,       // a = crash token (crash_primary_at_s)
  kDetect = 10,       // a = failover index: the detection timeout ran out
  kRestart = 11,      // node, a = node generation (restart_after_s)
  kFenceReply = 12,   // node, a = node generation: a peer's newer epoch reaches a returning old primary
  kSample = 13,       // lag plots
  kSend = 14,         // node = replica, a = position, b = write id | primary's generation << 40
};

constexpr uint64_t kStreamSetup = 1, kStreamWrites = 2, kStreamReads = 3, kStreamService = 4, kStreamLag = 5;
constexpr Time kClient = 2 * kMs;          // one-way, a user to any node
constexpr double kServiceMs = 1.0;         // mean work per read or write on a node
constexpr double kApplyRatePerS = 400;     // mean apply rate of a replica (each gets 0.5x..1.5x)
constexpr Time kSamplePeriod = 100 * kMs;
constexpr uint64_t kWidMask = (uint64_t(1) << 40) - 1;
constexpr uint64_t kClickHash = 0x4e9100000ULL;

uint64_t pack(uint64_t wid, uint64_t gen) { return wid | (gen << 40); }

}  // namespace

ReplicationModel::ReplicationModel() {
  add_param(kReplicas, {"replicas", 1, 5, 2, "replicas", "Replicas that copy the primary's log and serve reads", true});
  add_param(kMode, labelled({"mode", 0, 2, 0, "", "When a write is acknowledged: 0 async (at once), 1 semi-sync (one replica has it), 2 sync (all have it)", true}, "Replication mode"));
  add_param(kReadPolicy, labelled({"read_policy", 0, 2, 0, "", "Where reads go: 0 any replica, 1 the primary, 2 read-your-writes (a replica that has the user's last write, else the primary)", true}, "Read policy"));
  add_param(kCrashPrimaryAtS, labelled({"crash_primary_at_s", 0, 600, 0, "s", "Crash the primary at this moment (0 = never)"}, "Crash primary at"));
  add_param(kWriteRps, labelled({"write_rps", 1, 500, 50, "writes/s", "Writes from all users (Poisson)", false, true}, "Writes"));
  add_param(kReadRps, labelled({"read_rps", 0, 2000, 200, "reads/s", "Reads from all users (Poisson)"}, "Reads"));
  add_param(kReplicaLagMs, labelled({"replica_lag_ms", 0, 2000, 100, "ms", "Mean extra delay before the primary sends a write to a replica (a busy sender, a slow disk)", false, true}, "Replication delay"));
  add_param(kDetectTimeoutMs, labelled({"detect_timeout_ms", 100, 10000, 2000, "ms", "Silence after which the primary is declared dead and a replica promoted", false, true}, "Failure detection"));
  add_param(kLinkMs, labelled({"link_ms", 1, 200, 10, "ms", "Typical one-way delay between the primary and a replica (each replica 0.5x to 2x)", false, true}, "Replication link"));
  add_param(kRestartAfterS, labelled({"restart_after_s", 0, 300, 10, "s", "A crashed primary comes back after this long (0 = only by a click)"}, "Restart crashed after"));
}

// [SECTION] Reading the state

int ReplicationModel::primary() const {
  for (uint32_t n = 0; n < nodes_.size(); ++n)
    if (nodes_[n].role == kPrimary) return int(n);
  return -1;
}

uint64_t ReplicationModel::lag_writes(uint32_t n) const {
  return nodes_[n].role == kReplica && nodes_[n].applied < end() ? end() - nodes_[n].applied : 0;
}

double ReplicationModel::lag_ms(uint32_t n) const {
  const NodeState& nd = nodes_[n];
  if (nd.role != kReplica || nd.applied >= end()) return 0;
  return to_ms(sim_.now() - entry(nd.applied + 1).committed);
}

// [SECTION] Run setup and live settings

void ReplicationModel::on_reset() {
  const uint32_t n = uint32_t(param(kReplicas)) + 1;
  Rng setup = sim_.stream(kStreamSetup);
  nodes_.assign(n, NodeState{});
  // Draws for every possible node, so the replica count does not shift them.
  for (uint32_t i = 0; i < kMaxNodes; ++i) {
    const double link_factor = setup.uniform(0.25, 1.0);
    const double rate_factor = setup.uniform(0.5, 1.5);
    if (i >= n) continue;
    nodes_[i].link = from_ms(param(kLinkMs) * link_factor);
    nodes_[i].apply_rate_per_s = kApplyRatePerS * rate_factor;
  }
  // Generations are unique across nodes, so an event stamped with one
  // node's generation can never pass for another's.
  for (uint32_t i = 0; i < n; ++i) nodes_[i].gen = i;
  next_gen_ = n;
  nodes_[0].role = kPrimary;
  log_.clear();
  log_base_ = 0;
  trunc_.assign(2, 0);
  writes_.clear();
  writes_base_ = trimmed_acked_ = trimmed_failed_ = trimmed_lost_ = 0;
  reads_.clear();
  for (auto& u : users_) u = 0;
  write_rng_ = sim_.stream(kStreamWrites);
  read_rng_ = sim_.stream(kStreamReads);
  service_rng_ = sim_.stream(kStreamService);
  lag_rng_ = sim_.stream(kStreamLag);
  epoch_ = 1;
  write_token_ = read_token_ = crash_token_ = next_read_ = 0;
  acked_max_ = acked_hi_ = oldest_pending_ = 0;
  router_primary_ = 0;
  last_crashed_ = -1;
  waiting_ = false;
  failovers_.clear();
  lost_list_.clear();
  flows_.clear();
  write_latency_.clear();
  read_latency_.clear();
  stale_reads_ = ryw_violations_ = lost_writes_ = promotions_ = fenced_ = 0;
  writes_acked_ = writes_failed_ = reads_served_ = reads_failed_ = 0;
  max_lag_ = 0;
  schedule_write();
  schedule_read();
  if (param(kCrashPrimaryAtS) > 0) sim_.at(from_s(param(kCrashPrimaryAtS)), Event{kCrashAt, 0, crash_token_, 0});
  sim_.after(kSamplePeriod, Event{kSample, 0, 0, 0});
}

void ReplicationModel::on_param_changed(size_t i) {
  if (i == kReplicas) {
    reset(seed());
    return;
  }
  // The rest apply live: the run goes on with the new value.
  sim_.hash_in(0x4e9200000ULL + i);
  if (i == kWriteRps) {
    ++write_token_;
    schedule_write();
  } else if (i == kReadRps) {
    ++read_token_;
    schedule_read();
  } else if (i == kCrashPrimaryAtS) {
    ++crash_token_;
    const Time at = from_s(param(kCrashPrimaryAtS));
    if (at > sim_.now()) sim_.at(at, Event{kCrashAt, 0, crash_token_, 0});
  } else if (i == kLinkMs) {
    Rng setup = sim_.stream(kStreamSetup);
    for (uint32_t n = 0; n < kMaxNodes; ++n) {
      const double link_factor = setup.uniform(0.25, 1.0);
      setup.uniform(0.5, 1.5);
      if (n < nodes_.size()) nodes_[n].link = from_ms(param(kLinkMs) * link_factor);
    }
  }
}

// A pending arrival carries the token it was drawn under; a rate change
// bumps the token, so the old one is ignored and a new one drawn.
void ReplicationModel::schedule_write() {
  const double rate = param(kWriteRps);
  const Time gap = from_s(write_rng_.exponential(1.0 / rate));
  sim_.after(gap < 1 ? 1 : gap, Event{kWriteNext, 0, write_token_, 0});
}

void ReplicationModel::schedule_read() {
  const double rate = param(kReadRps);
  if (rate <= 0) return;
  const Time gap = from_s(read_rng_.exponential(1.0 / rate));
  sim_.after(gap < 1 ? 1 : gap, Event{kReadNext, 0, read_token_, 0});
}

void ReplicationModel::push_flow(FlowKind k, uint32_t from, uint32_t to, Time arrives, uint64_t pos) {
  flows_.push(Flow{sim_.now(), arrives, k, from, to, pos});
}

// [SECTION] Writes: commit, ship, apply, acknowledge

void ReplicationModel::issue_write() {
  const uint64_t wid = writes_issued();
  Write w;
  w.user = uint32_t(write_rng_.below(kUsers));
  w.issued = sim_.now();
  writes_.push_back(w);
  const uint32_t p = uint32_t(router_primary_);
  sim_.after(kClient, Event{kWriteArrive, p, wid, nodes_[p].gen});
  push_flow(kFlowWrite, kUserBase + w.user, p, sim_.now() + kClient, 0);
}

void ReplicationModel::commit(uint32_t p, uint64_t wid) {
  uint32_t replicas = 0;
  for (const NodeState& nd : nodes_) replicas += nd.role == kReplica;
  uint32_t needed = 0;
  if (mode() == kSemiSync) needed = replicas ? 1 : 0;  // with no replica left, semi-sync falls back to async
  if (mode() == kSync) needed = replicas ? replicas : 1;  // sync with no replica waits for one to return
  log_.push_back(Entry{wid, sim_.now(), needed, 0, false});
  const uint64_t pos = end();
  Write& w = wr(wid);
  w.committed = sim_.now();
  w.pos = pos;
  w.epoch = epoch_;
  nodes_[p].applied = pos;
  for (uint32_t r = 0; r < nodes_.size(); ++r)
    if (nodes_[r].role == kReplica) ship(p, r, pos);
  if (needed == 0) acknowledge(pos);
}

// The primary's sender for replica r streams the log in order, each entry
// after an extra delay (replica_lag_ms: a busy sender, a slow disk); an
// entry not sent when the primary crashes is gone with it. On the wire, it
// reaches r one link later, and r applies entries in log order at its rate.
void ReplicationModel::ship(uint32_t p, uint32_t r, uint64_t pos) {
  NodeState& nd = nodes_[r];
  const double lag_mean_ms = param(kReplicaLagMs);
  const Time ready = sim_.now() + (lag_mean_ms > 0 ? from_ms(lag_rng_.exponential(lag_mean_ms)) : 0);
  nd.send_free = nd.send_free > ready ? nd.send_free : ready;
  sim_.at(nd.send_free, Event{kSend, r, pos, pack(entry(pos).write_id, nodes_[p].gen)});
}

void ReplicationModel::send(uint32_t p, uint32_t r, uint64_t pos) {
  NodeState& nd = nodes_[r];
  const Time arrives = sim_.now() + pair(p, r);
  nd.received = pos;
  const Time start = nd.apply_free > arrives ? nd.apply_free : arrives;
  nd.apply_free = start + from_s(1.0 / nd.apply_rate_per_s);
  sim_.at(nd.apply_free, Event{kApply, r, pos, pack(entry(pos).write_id, nd.gen)});
  push_flow(kFlowShip, p, r, arrives, pos);
}

void ReplicationModel::apply(uint32_t r, uint64_t pos, uint64_t wid) {
  NodeState& nd = nodes_[r];
  // Entries of a history the failover threw away no longer match the log.
  if (nd.role != kReplica || pos <= log_base_ || pos > end() || entry(pos).write_id != wid) return;
  if (pos <= nd.applied) return;
  sim_.require(pos == nd.applied + 1, "a replica applies the log in order, without gaps");
  if (pos != nd.applied + 1) return;
  if (!nd.catching_up) {
    const Time lag = sim_.now() - entry(pos).committed;
    if (lag > max_lag_) max_lag_ = lag;
  }
  nd.applied = pos;
  if (nd.catching_up && pos >= nd.catch_up_to) nd.catching_up = false;
  const int p = primary();
  if (p < 0) return;
  const Time arrives = sim_.now() + pair(r, uint32_t(p));
  sim_.at(arrives, Event{kAck, uint32_t(p), pos, pack(wid, nodes_[p].gen)});
  push_flow(kFlowAck, r, uint32_t(p), arrives, pos);
}

void ReplicationModel::acknowledge(uint64_t pos) {
  Entry& en = entry(pos);
  en.done = true;
  Write& w = wr(en.write_id);
  w.status = kAcked;
  w.acked = sim_.now();
  ++writes_acked_;
  if (pos > acked_hi_) acked_hi_ = pos;
  sim_.after(kClient, Event{kAckReceived, 0, en.write_id, 0});
  push_flow(kFlowWriteReply, uint32_t(router_primary_), kUserBase + w.user, sim_.now() + kClient, pos);
  while (oldest_pending_ < end() && entry(oldest_pending_ + 1).done) ++oldest_pending_;
}

// Every write the crashed primary had not acknowledged yet: its user gets an
// error, whatever later happens to the entry.
void ReplicationModel::fail_unacked() {
  for (uint64_t i = oldest_pending_; i < end(); ++i) {
    Entry& en = entry(i + 1);
    if (en.done) continue;
    en.done = true;
    Write& w = wr(en.write_id);
    if (w.status == kInFlight) {
      w.status = kFailed;
      ++writes_failed_;
      if (!failovers_.empty()) ++failovers_.back().failed;
    }
  }
  oldest_pending_ = end();
}

// [SECTION] Reads

void ReplicationModel::issue_read() {
  const uint32_t u = uint32_t(read_rng_.below(kUsers));
  uint32_t candidates[kMaxNodes];
  uint32_t count = 0;
  const ReadPolicy policy = read_policy();
  if (policy != kPrimaryOnly) {
    for (uint32_t n = 0; n < nodes_.size(); ++n) {
      if (nodes_[n].role != kReplica) continue;
      if (policy == kReadYourWrites && nodes_[n].applied < users_[u]) continue;
      candidates[count++] = n;
    }
  }
  const uint32_t node = count ? candidates[read_rng_.below(count)] : uint32_t(router_primary_);
  const uint64_t rid = next_read_++;
  reads_[rid] = Read{u, node, nodes_[node].gen, epoch_, users_[u], acked_max_, sim_.now()};
  sim_.after(kClient, Event{kReadArrive, node, rid, nodes_[node].gen});
  push_flow(kFlowRead, kUserBase + u, node, sim_.now() + kClient, 0);
}

// Requirements set before a failover shrink to what the new history kept.
uint64_t ReplicationModel::clamp_need(uint64_t need, uint64_t since_epoch) const {
  for (uint64_t e = since_epoch + 1; e <= epoch_; ++e)
    if (trunc_[e] < need) need = trunc_[e];
  return need;
}

void ReplicationModel::finish_read(uint64_t rid) {
  auto it = reads_.find(rid);
  if (it == reads_.end()) return;
  const Read r = it->second;
  reads_.erase(it);
  NodeState& nd = nodes_[r.node];
  const bool serving = nd.gen == r.gen && (nd.role == kPrimary || nd.role == kReplica);
  if (!serving) {
    ++reads_failed_;
    return;
  }
  const uint64_t seen = nd.applied;
  if (seen < clamp_need(r.need_all, r.epoch)) ++stale_reads_;
  if (seen < clamp_need(r.need_own, r.epoch)) ++ryw_violations_;
  ++nd.reads_served;
  ++reads_served_;
  read_latency_.add(sim_.now() + kClient - r.issued);
  push_flow(kFlowReadReply, r.node, kUserBase + r.user, sim_.now() + kClient, seen);
}

// [SECTION] Crashes, failover and fencing

void ReplicationModel::set_epoch(uint32_t n, uint64_t e) {
  sim_.require(e >= nodes_[n].epoch, "a node's epoch never goes back");
  if (e > nodes_[n].epoch) nodes_[n].epoch = e;
}

// How much of node n's log is still part of the current history: each
// failover since n's epoch kept only a prefix.
uint64_t ReplicationModel::divergence(uint32_t n) const {
  return clamp_need(nodes_[n].applied, nodes_[n].epoch);
}

void ReplicationModel::crash(uint32_t n) {
  NodeState& nd = nodes_[n];
  if (nd.role == kDown) return;
  const bool was_primary = nd.role == kPrimary;
  nd.role = kDown;
  nd.gen = next_gen_++;
  nd.busy_until = sim_.now();
  nd.catching_up = false;
  if (was_primary) {
    last_crashed_ = int(n);
    Failover f;
    f.crash_at = sim_.now();
    f.old_primary = n;
    f.old_end = end();
    for (uint32_t i = 0; i < kMaxNodes; ++i)
      f.lag_at_crash_ms[i] = i < nodes_.size() && nodes_[i].role == kReplica ? lag_ms(i) : -1;
    failovers_.push_back(f);
    fail_unacked();
    sim_.after(from_ms(param(kDetectTimeoutMs)), Event{kDetect, 0, failovers_.size() - 1, 0});
  }
  if (param(kRestartAfterS) > 0) sim_.after(from_s(param(kRestartAfterS)), Event{kRestart, n, nd.gen, 0});
}

// Whether promoting n keeps every acknowledged write.
bool ReplicationModel::holds_acked(uint32_t n) const { return divergence(n) >= acked_hi_; }

// The furthest log by (epoch, position) among the nodes that could lead:
// live replicas, and standbys (nodes back while there was no primary).
int ReplicationModel::best_candidate(bool replicas_only, bool holding_acked) const {
  int best = -1;
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    const NodeState& nd = nodes_[n];
    if (nd.role != kReplica && (replicas_only || nd.role != kStandby)) continue;
    if (holding_acked && !holds_acked(n)) continue;
    if (best < 0 || nd.epoch > nodes_[best].epoch ||
        (nd.epoch == nodes_[best].epoch && nd.applied > nodes_[best].applied))
      best = int(n);
  }
  return best;
}

// The failover controller's choice, when the primary is found dead and
// again whenever a node comes back while there is none:
// 1. a node that holds every acknowledged write, the furthest one: nothing lost;
// 2. in async mode only, else the furthest live replica: writes it had not
//    received yet are lost (availability first);
// 3. else wait for a node that holds them (sync and semi-sync: durability
//    first, even if the wait is long).
void ReplicationModel::detect() {
  if (primary() >= 0) return;  // it came back before anyone noticed
  int c = best_candidate(false, true);
  if (c < 0 && mode() == kAsync) c = best_candidate(true, false);
  if (c < 0) {
    waiting_ = true;
    return;
  }
  promote(uint32_t(c));
}

void ReplicationModel::promote(uint32_t c) {
  NodeState& cn = nodes_[c];
  const uint64_t kept = divergence(c);
  sim_.require(kept >= log_base_, "a promoted node holds everything the log trimmed");
  cn.applied = kept;
  ++epoch_;
  trunc_.push_back(kept);
  Failover* f = failovers_.empty() ? nullptr : &failovers_.back();
  // Writes beyond the new primary's log: acknowledged ones are lost, the
  // rest fail.
  for (uint64_t pos = end(); pos > kept; --pos) {
    const uint64_t wid = entry(pos).write_id;
    Write& w = wr(wid);
    if (w.status == kAcked) {
      w.status = kLost;
      ++lost_writes_;
      if (f) ++f->lost;
      lost_list_.push(LostWrite{wid, w.pos, w.epoch, w.user, uint32_t(failovers_.size() - 1), w.committed, w.acked});
    } else if (w.status == kInFlight) {
      w.status = kFailed;
      ++writes_failed_;
      if (f) ++f->failed;
    }
  }
  log_.resize(kept - log_base_);
  if (oldest_pending_ > kept) oldest_pending_ = kept;
  for (auto& u : users_)
    if (u > kept) u = kept;
  if (acked_max_ > kept) acked_max_ = kept;
  if (acked_hi_ > kept) acked_hi_ = kept;
  set_epoch(c, epoch_);
  cn.role = kPrimary;
  cn.catching_up = false;
  router_primary_ = int(c);
  waiting_ = false;
  ++promotions_;
  sim_.hash_in(0x4e9300000ULL + c);
  if (f && f->promoted_at < 0) {
    f->promoted_at = sim_.now();
    f->new_primary = int(c);
    f->epoch = epoch_;
    f->kept = kept;
  }
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    if (n == c) continue;
    NodeState& nd = nodes_[n];
    if (nd.role == kReplica) {
      // Entries beyond the new primary's log were never acknowledged (or
      // the controller chose to lose them): the replica rolls them back.
      if (nd.applied > kept) nd.applied = kept;
      set_epoch(n, epoch_);
    }
  }
  resync(c);
  for (uint32_t n = 0; n < nodes_.size(); ++n)
    if (nodes_[n].role == kStandby) attach(n);
}

void ReplicationModel::attach(uint32_t n) {
  const int p = primary();
  if (p < 0) return;
  NodeState& nd = nodes_[n];
  nd.applied = divergence(n);  // its own tail beyond the shared history is rolled back
  // Away so long that the entries it lacks were trimmed: it copies a
  // snapshot of the state up to the trimmed point first.
  if (nd.applied < log_base_) nd.applied = log_base_;
  set_epoch(n, epoch_);
  nd.role = kReplica;
  if (nd.apply_free < sim_.now()) nd.apply_free = sim_.now();
  if (nd.send_free < sim_.now()) nd.send_free = sim_.now();
  nd.received = nd.applied;
  nd.catching_up = nd.applied < end();
  nd.catch_up_to = end();
  for (uint64_t pos = nd.applied + 1; pos <= end(); ++pos) ship(uint32_t(p), n, pos);
}

// A new (or returning) primary takes over the senders: entries its replicas
// were never sent are sent again, from where each one's stream stopped.
void ReplicationModel::resync(uint32_t p) {
  for (uint32_t r = 0; r < nodes_.size(); ++r) {
    NodeState& nd = nodes_[r];
    if (nd.role != kReplica) continue;
    if (nd.received > end()) nd.received = end();
    if (nd.received < nd.applied) nd.received = nd.applied;
    nd.send_free = sim_.now();
    for (uint64_t pos = nd.received + 1; pos <= end(); ++pos) ship(p, r, pos);
  }
}

void ReplicationModel::bring_back(uint32_t n) {
  NodeState& nd = nodes_[n];
  if (nd.role != kDown) return;
  nd.gen = next_gen_++;
  nd.busy_until = sim_.now();
  if (nd.apply_free < sim_.now()) nd.apply_free = sim_.now();
  const int p = primary();
  if (p < 0) {
    if (!waiting_ && int(n) == last_crashed_ && nd.epoch == epoch_) {
      // Back before the detection timeout: nobody took over, it carries on.
      nd.role = kPrimary;
      router_primary_ = int(n);
      resync(n);
      return;
    }
    nd.role = kStandby;
    if (waiting_) detect();
    return;
  }
  if (nd.epoch < epoch_) {
    // It still believes it leads its old epoch; the first peer it contacts
    // answers with the newer epoch, and it steps down.
    nd.role = kFencedOut;
    const Time back = 2 * pair(n, uint32_t(p));
    sim_.after(back, Event{kFenceReply, n, nd.gen, 0});
    push_flow(kFlowFence, uint32_t(p), n, sim_.now() + back, 0);
    return;
  }
  attach(n);
}

// Memory stays bounded on long runs: log entries every replica has applied
// and that need no acknowledgement any more are dropped, and so are the
// finished writes before them.
void ReplicationModel::trim() {
  uint64_t floor = end();
  for (const NodeState& nd : nodes_)
    if (nd.role == kReplica && nd.applied < floor) floor = nd.applied;
  if (oldest_pending_ < floor) floor = oldest_pending_;
  if (acked_hi_ < floor) floor = acked_hi_;
  while (log_base_ < floor) {
    log_.pop_front();
    ++log_base_;
  }
  const uint64_t needed = log_.empty() ? writes_issued() : log_.front().write_id;
  while (!writes_.empty() && writes_base_ < needed) {
    const Write& w = writes_.front();
    // Still in flight, or its acknowledgement still on the way to the user.
    if (w.status == kInFlight || (w.acked >= 0 && w.acked + kClient >= sim_.now())) break;
    trimmed_acked_ += w.status == kAcked;
    trimmed_failed_ += w.status == kFailed;
    trimmed_lost_ += w.status == kLost;
    writes_.pop_front();
    ++writes_base_;
  }
}

// [SECTION] Events and commands

void ReplicationModel::on_event(const Event& e) {
  switch (e.kind) {
    case kWriteNext:
      if (e.a != write_token_) return;
      issue_write();
      schedule_write();
      return;
    case kReadNext:
      if (e.a != read_token_) return;
      issue_read();
      schedule_read();
      return;
    case kWriteArrive: {
      NodeState& nd = nodes_[e.node];
      if (nd.gen != e.b || nd.role != kPrimary) {
        Write& w = wr(e.a);
        if (w.status == kInFlight) {
          w.status = kFailed;
          ++writes_failed_;
        }
        return;
      }
      const Time start = nd.busy_until > sim_.now() ? nd.busy_until : sim_.now();
      nd.busy_until = start + from_ms(service_rng_.exponential(kServiceMs));
      sim_.at(nd.busy_until, Event{kWriteCommit, e.node, e.a, e.b});
      return;
    }
    case kWriteCommit: {
      const NodeState& nd = nodes_[e.node];
      if (nd.gen != e.b || nd.role != kPrimary) {
        Write& w = wr(e.a);
        if (w.status == kInFlight) {
          w.status = kFailed;
          ++writes_failed_;
        }
        return;
      }
      commit(e.node, e.a);
      return;
    }
    case kSend: {
      // Only a primary still up, in the epoch that wrote the entry, sends it.
      const int p = primary();
      if (p < 0 || nodes_[p].gen != (e.b >> 40) || e.a <= log_base_ || e.a > end() || entry(e.a).write_id != (e.b & kWidMask)) return;
      if (nodes_[e.node].role != kReplica) return;
      send(uint32_t(p), e.node, e.a);
      return;
    }
    case kApply:
      if (nodes_[e.node].gen == (e.b >> 40)) apply(e.node, e.a, e.b & kWidMask);
      return;
    case kAck: {
      const NodeState& nd = nodes_[e.node];
      if (nd.gen != (e.b >> 40) || nd.role != kPrimary || e.a <= log_base_ || e.a > end()) return;
      Entry& en = entry(e.a);
      if (en.write_id != (e.b & kWidMask) || en.done) return;
      if (++en.got >= en.needed) acknowledge(e.a);
      return;
    }
    case kAckReceived: {
      const Write& w = wr(e.a);
      write_latency_.add(sim_.now() - w.issued);
      if (w.status == kAcked) {
        if (w.pos > users_[w.user]) users_[w.user] = w.pos;
        if (w.pos > acked_max_) acked_max_ = w.pos;
      }
      return;
    }
    case kReadArrive: {
      NodeState& nd = nodes_[e.node];
      if (nd.gen != e.b || (nd.role != kPrimary && nd.role != kReplica)) {
        finish_read(e.a);  // counted as failed
        return;
      }
      const Time start = nd.busy_until > sim_.now() ? nd.busy_until : sim_.now();
      nd.busy_until = start + from_ms(service_rng_.exponential(kServiceMs));
      sim_.at(nd.busy_until, Event{kReadDone, e.node, e.a, e.b});
      return;
    }
    case kReadDone:
      finish_read(e.a);
      return;
    case kCrashAt:
      if (e.a == crash_token_ && primary() >= 0) crash(uint32_t(primary()));
      return;
    case kDetect:
      if (e.a + 1 == failovers_.size()) detect();
      return;
    case kRestart:
      if (nodes_[e.node].gen == e.a) bring_back(e.node);
      return;
    case kFenceReply: {
      NodeState& nd = nodes_[e.node];
      if (nd.gen != e.a || nd.role != kFencedOut) return;
      ++fenced_;
      if (primary() < 0) {
        nd.role = kStandby;
        if (waiting_) detect();
        return;
      }
      attach(e.node);
      return;
    }
    case kSample:
      trim();
      for (uint32_t n = 0; n < nodes_.size(); ++n) nodes_[n].lag_series.push(Sample{sim_.now(), lag_ms(n)});
      sim_.after(kSamplePeriod, Event{kSample, 0, 0, 0});
      return;
  }
}

void ReplicationModel::crash_primary() { command(kCmdCrashPrimary); }
void ReplicationModel::restart(uint32_t n) { command(kCmdRestart, n); }

void ReplicationModel::on_command(uint32_t kind, uint64_t arg) {
  sim_.hash_in(kClickHash + kind * 16 + arg);
  if (kind == kCmdCrashPrimary && primary() >= 0) crash(uint32_t(primary()));
  if (kind == kCmdRestart && arg < nodes_.size()) bring_back(uint32_t(arg));
}

// [SECTION] Figures and invariants

void ReplicationModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"write_latency_p50_ms", to_ms(Time(write_latency_.quantile(0.5)))});
  out.push_back({"write_latency_p99_ms", to_ms(Time(write_latency_.quantile(0.99)))});
  out.push_back({"read_latency_p50_ms", to_ms(Time(read_latency_.quantile(0.5)))});
  out.push_back({"stale_reads", double(stale_reads_)});
  out.push_back({"ryw_violations", double(ryw_violations_)});
  out.push_back({"lost_writes", double(lost_writes_)});
  out.push_back({"failovers", double(promotions_)});
  out.push_back({"max_lag_ms", max_lag_ms()});
  out.push_back({"writes", double(writes_issued())});
  out.push_back({"writes_acked", double(writes_acked_)});
  out.push_back({"writes_failed", double(writes_failed_)});
  out.push_back({"reads_served", double(reads_served_)});
  out.push_back({"reads_failed", double(reads_failed_)});
  out.push_back({"stale_read_pct", reads_served_ ? 100.0 * double(stale_reads_) / double(reads_served_) : 0.0});
  out.push_back({"epoch", double(epoch_)});
  out.push_back({"fenced", double(fenced_)});
}

std::string ReplicationModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  int primaries = 0;
  for (uint32_t n = 0; n < nodes_.size(); ++n) {
    const NodeState& nd = nodes_[n];
    if (nd.epoch > epoch_) return "invariant: no node is ahead of the cluster's epoch";
    if (nd.role == kPrimary) {
      ++primaries;
      if (nd.epoch != epoch_) return "invariant: the primary leads the current epoch";
      if (nd.applied != end()) return "invariant: the primary's position is the log's end";
    }
    if (nd.role == kReplica && nd.applied > end()) return "invariant: a replica is never ahead of the primary";
  }
  if (primaries > 1) return "invariant: at most one primary (no split brain)";
  if (trunc_.size() != epoch_ + 1) return "invariant: one truncation point per epoch";
  uint64_t in_flight = 0, acked = trimmed_acked_, failed = trimmed_failed_, lost = trimmed_lost_;
  for (const Write& w : writes_) {
    in_flight += w.status == kInFlight;
    acked += w.status == kAcked;
    failed += w.status == kFailed;
    lost += w.status == kLost;
  }
  if (failed != writes_failed_ || lost != lost_writes_ || acked + lost != writes_acked_)
    return "invariant: every write is in flight, acknowledged, failed or lost, and the counters agree";
  if (in_flight + acked + failed + lost != writes_issued()) return "invariant: write states add up";
  for (uint64_t pos = log_base_ + 1; pos <= end(); ++pos) {
    const uint64_t wid = entry(pos).write_id;
    if (wid < writes_base_) return "invariant: the log's writes are kept";
    const Write& w = writes_[wid - writes_base_];
    if (w.pos != pos || w.status == kLost) return "invariant: the log holds exactly its surviving writes";
  }
  for (const NodeState& nd : nodes_)
    if (nd.role == kReplica && nd.applied < log_base_) return "invariant: the log keeps what every replica still needs";
  for (uint64_t u : users_)
    if (u > end()) return "invariant: a user's last write is in the log";
  if (acked_max_ > end()) return "invariant: the newest acknowledged write is in the log";
  if (promotions_ != epoch_ - 1) return "invariant: one epoch per promotion";
  return "";
}

std::string ReplicationModel::describe() const {
  static const char* const kModes[] = {"async", "semi-sync", "sync"};
  static const char* const kReads[] = {"any replica", "the primary", "read-your-writes"};
  std::string s = say("Replication %s, reads from %s", kModes[mode()], kReads[read_policy()]);
  const int p = primary();
  if (p >= 0) s += say("; Node %d is the primary in epoch %llu", p + 1, (unsigned long long)epoch());
  else s += "; there is no primary: a failover is under way";
  uint32_t down = 0;
  uint64_t most_behind = 0;
  for (uint32_t n = 0; n < node_count(); ++n) {
    if (role(n) == kDown) ++down;
    if (lag_writes(n) > most_behind) most_behind = lag_writes(n);
  }
  s += "; " + count_of(node_count(), "node", "nodes") + say(", %u down", down);
  s += "; the furthest replica trails by " + count_of(most_behind, "write", "writes");
  s += "; " + count_of(writes_issued(), "write", "writes") + " issued, " + count_of(lost_writes(), "acknowledged write", "acknowledged writes") + " lost";
  s += ", " + count_of(stale_reads(), "stale read", "stale reads");
  if (!failovers_.empty()) s += ", " + count_of(failovers_.size(), "failover", "failovers");
  return s + ".";
}

const SceneInfo& replication_scene() {
  static const SceneInfo info = {
      "replication", "Replication: primary and replicas", "Technical Examples",
      "Writes go to the primary, which ships its log to replicas that serve reads a little behind it.\n"
      "The mode trades write latency for durability; crash the primary and see what a failover keeps.",
      {"Read from any replica: a user often misses the write they just made (the figures count these read-your-writes violations). Switch to read-your-writes.",
       "Crash the primary in async mode: the writes inside the replicas' lag window are lost.",
       "Do the same in sync mode: nothing acknowledged is lost, but every write waits for the slowest replica.",
       "Semi-sync waits for one replica only: as safe here, and faster than sync.",
       "Raise Replication delay to 500 ms: each replica trails by more writes, and an async crash loses several times more.",
       "Let the old primary come back: its stale epoch is refused and it rejoins as a replica."},
      2 * kMin,
      // At 0.25x one write in four per second can be followed from user to
      // primary to replicas.
      0.25f, &make_model<ReplicationModel>,
      {
       {"Async, reads from any replica", "mode=0&read_policy=0"},
       {"Async, primary crashes at 20 s", "mode=0&crash_primary_at_s=20"},
       {"Sync, primary crashes at 20 s", "mode=2&crash_primary_at_s=20"},
       {"Read your writes", "read_policy=2"},
       {"Slow replicas, async crash", "replica_lag_ms=500&crash_primary_at_s=20"}}};
  return info;
}

}  // namespace dsviz
