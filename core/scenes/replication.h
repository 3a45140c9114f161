// Scene "replication": the chapter's database example, live. Users write to
// a primary and read from replicas; each replica applies the primary's log
// some time later, over its own link and at its own rate. The mode decides
// when a write is acknowledged (async: at once; semi-sync: after one replica
// applied it; sync: after all did), the read policy where reads go. Crash the
// primary: after a detection timeout the most up-to-date replica is promoted
// in a new epoch, acknowledged writes it never received are lost, and the old
// primary, when it returns, is fenced by its stale epoch and rejoins as a
// replica.
#pragma once
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "metrics.h"
#include "model.h"
#include "scene.h"

namespace dsviz {

class ReplicationModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kReplicas{0}, kMode{1}, kReadPolicy{2}, kCrashPrimaryAtS{3}, kWriteRps{4}, kReadRps{5},
      kReplicaLagMs{6}, kDetectTimeoutMs{7}, kLinkMs{8}, kRestartAfterS{9};
  ReplicationModel();

  enum Mode : int { kAsync = 0, kSemiSync = 1, kSync = 2 };
  enum ReadPolicy : int { kAnyReplica = 0, kPrimaryOnly = 1, kReadYourWrites = 2 };
  enum Role : uint8_t {
    kPrimary,    // takes writes, ships its log
    kReplica,    // applies the primary's log, serves reads
    kDown,       // crashed
    kFencedOut,  // back from a crash, still believing it leads an old epoch: refused until it learns the new one
    kStandby,    // up, but there is no primary to follow yet
  };
  static constexpr uint32_t kUsers = 4;
  static constexpr uint32_t kMaxNodes = 6;

  Mode mode() const { return Mode(int(param(kMode))); }
  ReadPolicy read_policy() const { return ReadPolicy(int(param(kReadPolicy))); }

  // Nodes 0..replicas: node 0 starts as the primary. Positions count writes
  // in the current history (the log of the current epoch), from 1.
  uint32_t node_count() const { return uint32_t(nodes_.size()); }
  int primary() const;                 // -1 between a crash and the promotion
  int router_primary() const { return router_primary_; }  // where users send writes (stale until the promotion)
  Role role(uint32_t n) const { return nodes_[n].role; }
  uint64_t epoch() const { return epoch_; }
  uint64_t node_epoch(uint32_t n) const { return nodes_[n].epoch; }
  uint64_t log_end() const { return end(); }  // the primary's position
  uint64_t applied(uint32_t n) const { return nodes_[n].applied; }
  uint64_t lag_writes(uint32_t n) const;  // log_end - applied, 0 for the primary and for nodes not following
  double lag_ms(uint32_t n) const;        // age of the oldest write n has not applied yet; 0 when caught up
  bool catching_up(uint32_t n) const { return nodes_[n].catching_up; }
  double link_ms(uint32_t n) const { return to_ms(nodes_[n].link); }  // one-way, node to the network
  double pair_ms(uint32_t a, uint32_t b) const { return to_ms(pair(a, b)); }
  double apply_rate(uint32_t n) const { return nodes_[n].apply_rate_per_s; }  // writes/s it can apply
  uint64_t reads_served(uint32_t n) const { return nodes_[n].reads_served; }
  // A replica's lag in ms, sampled every 100 ms (the newest ~50 s).
  const TimeSeries& lag_series(uint32_t n) const { return nodes_[n].lag_series; }

  // The users: the position of each one's last acknowledged write (what a
  // read-your-writes read must see).
  uint64_t user_last_write(uint32_t u) const { return users_[u]; }

  // Writes, by id.
  enum WriteStatus : uint8_t { kInFlight, kAcked, kFailed, kLost };
  struct Write {
    uint32_t user = 0;
    WriteStatus status = kInFlight;
    Time issued = 0, committed = -1, acked = -1;  // acked: when the primary acknowledged it
    uint64_t pos = 0, epoch = 0;                  // where it sits in the log, if committed
  };
  uint64_t writes_issued() const { return writes_base_ + writes_.size(); }
  // Write `id`, or nullptr once it is finished and trimmed (long runs keep
  // only the writes the log or the users still need).
  const Write* write(uint64_t id) const {
    return id >= writes_base_ && id < writes_issued() ? &writes_[id - writes_base_] : nullptr;
  }
  // Acknowledged writes that the failover threw away, newest last.
  struct LostWrite {
    uint64_t id, pos, epoch;  // epoch: the one that committed it
    uint32_t user;
    uint32_t failover;        // index in failovers(): the one that lost it
    Time committed, acked;
  };
  const Ring<LostWrite>& lost_list() const { return lost_list_; }
  // One per primary crash.
  struct Failover {
    Time crash_at = 0, promoted_at = -1;  // promoted_at -1: not yet (or not needed: the primary came back first)
    uint32_t old_primary = 0;
    int new_primary = -1;
    uint64_t epoch = 0;          // the epoch the promotion started
    uint64_t old_end = 0;        // the old primary's position at the crash
    uint64_t kept = 0;           // the new primary's position: the history keeps 1..kept
    uint64_t lost = 0, failed = 0;
    double lag_at_crash_ms[kMaxNodes] = {};  // each node's lag when the primary crashed
  };
  const std::vector<Failover>& failovers() const { return failovers_; }
  uint64_t fenced() const { return fenced_; }  // times a returning old primary was refused by its stale epoch

  // Messages in flight, for drawing (the newest 512). Users are numbered
  // kUserBase + u in from/to.
  static constexpr uint32_t kUserBase = 16;
  enum FlowKind : uint8_t { kFlowWrite, kFlowShip, kFlowAck, kFlowWriteReply, kFlowRead, kFlowReadReply, kFlowFence };
  struct Flow {
    Time sent, arrives;
    FlowKind kind;
    uint32_t from, to;
    uint64_t pos;
  };
  const Ring<Flow>& flows() const { return flows_; }

  const Histogram& write_latency() const { return write_latency_; }
  const Histogram& read_latency() const { return read_latency_; }
  uint64_t stale_reads() const { return stale_reads_; }
  uint64_t ryw_violations() const { return ryw_violations_; }
  uint64_t lost_writes() const { return lost_writes_; }
  double max_lag_ms() const { return to_ms(max_lag_); }

  // Reader commands (replayed by scrubbing).
  void crash_primary();       // no-op when there is no primary
  void restart(uint32_t n);   // a crashed node comes back; no-op when it is up
  enum Command : uint32_t { kCmdCrashPrimary = 0, kCmdRestart = 1 };  // arg: the node (restart)
  uint32_t command_kinds() const override { return 2; }

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  struct NodeState {
    Role role = kReplica;
    uint64_t epoch = 1, applied = 0, gen = 0;
    uint64_t received = 0; // the last position a primary sent it
    Time busy_until = 0;   // its request queue (reads, and writes on the primary)
    Time send_free = 0;    // when the primary's sender to it is free again
    Time apply_free = 0;   // when its apply pipeline is free again
    Time link = 0;
    double apply_rate_per_s = 1000;
    bool catching_up = false;
    uint64_t catch_up_to = 0;
    uint64_t reads_served = 0;
    TimeSeries lag_series{512};
  };
  struct Entry {
    uint64_t write_id;
    Time committed;
    uint32_t needed, got;  // replica acknowledgements
    bool done;             // acknowledged to the user, or failed
  };
  struct Read {
    uint32_t user, node;
    uint64_t gen, epoch, need_own, need_all;
    Time issued;
  };
  Time pair(uint32_t a, uint32_t b) const { return nodes_[a].link + nodes_[b].link; }
  void schedule_write();
  void schedule_read();
  void issue_write();
  void issue_read();
  void commit(uint32_t p, uint64_t wid);
  void ship(uint32_t p, uint32_t r, uint64_t pos);
  void send(uint32_t p, uint32_t r, uint64_t pos);
  void apply(uint32_t r, uint64_t pos, uint64_t wid);
  void acknowledge(uint64_t pos);
  void finish_read(uint64_t rid);
  void crash(uint32_t n);
  void detect();
  bool holds_acked(uint32_t n) const;
  int best_candidate(bool replicas_only, bool holding_acked) const;
  void promote(uint32_t c);
  void bring_back(uint32_t n);
  void attach(uint32_t n);
  void resync(uint32_t p);
  void fail_unacked();
  uint64_t divergence(uint32_t n) const;
  uint64_t clamp_need(uint64_t need, uint64_t since_epoch) const;
  void set_epoch(uint32_t n, uint64_t e);
  void push_flow(FlowKind k, uint32_t from, uint32_t to, Time arrives, uint64_t pos);
  void sample();

  std::vector<NodeState> nodes_;
  // The log from position log_base_ + 1 (older entries are trimmed).
  std::deque<Entry> log_;
  uint64_t log_base_ = 0;
  Entry& entry(uint64_t pos) { return log_[pos - 1 - log_base_]; }
  const Entry& entry(uint64_t pos) const { return log_[pos - 1 - log_base_]; }
  uint64_t end() const { return log_base_ + log_.size(); }
  void trim();
  std::vector<uint64_t> trunc_;     // trunc_[e]: the position epoch e started from
  std::deque<Write> writes_;  // from id writes_base_
  uint64_t writes_base_ = 0, trimmed_acked_ = 0, trimmed_failed_ = 0, trimmed_lost_ = 0;
  Write& wr(uint64_t id) { return writes_[id - writes_base_]; }
  std::unordered_map<uint64_t, Read> reads_;
  uint64_t users_[kUsers] = {};
  Rng write_rng_, read_rng_, service_rng_, lag_rng_;
  uint64_t epoch_ = 1, write_token_ = 0, read_token_ = 0, crash_token_ = 0, next_read_ = 0;
  uint64_t acked_max_ = 0;  // newest write a user holds an acknowledgement of (stale reads)
  uint64_t acked_hi_ = 0;   // newest write the primary acknowledged (what a failover must keep)
  uint64_t oldest_pending_ = 0, next_gen_ = 0;
  int router_primary_ = 0;
  int last_crashed_ = -1;
  bool waiting_ = false;  // detection found no replica to promote
  std::vector<Failover> failovers_;
  Ring<LostWrite> lost_list_{256};
  Ring<Flow> flows_{512};
  Histogram write_latency_, read_latency_;
  uint64_t stale_reads_ = 0, ryw_violations_ = 0, lost_writes_ = 0, promotions_ = 0, fenced_ = 0;
  uint64_t writes_acked_ = 0, writes_failed_ = 0, reads_served_ = 0, reads_failed_ = 0;
  Time max_lag_ = 0;
};

// The scene's record (core/scene.h).
const SceneInfo& replication_scene();

}  // namespace dsviz
