// Scene "concurrency": the chapter's "1. Concurrency" sequence diagram, live.
// Fan-out mode: User -> A (Request); A asks B (Query) and C (Update) at once;
// B's Response and C's Ack race back; A answers the user (Result) when both
// are in, so the user waits for the slower branch, not for the sum.
// Two-users mode: two clients read-modify-write one record through their own
// servers at about the same time, and one increment is lost.
// The scenario repeats: a user sends the next request think_ms after the
// previous one completed, so counts grow with the run's duration.
#pragma once
#include <vector>

#include "cluster.h"
#include "metrics.h"
#include "model.h"
#include "scene.h"

namespace dsviz {

class ConcurrencyModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kMode{0}, kUserMs{1}, kUserJitterMs{2}, kAbMs{3}, kAbJitterMs{4}, kAcMs{5}, kAcJitterMs{6}, kThinkMs{7}, kStaggerMs{8};
  ConcurrencyModel();

  enum Mode : int { kFanOut = 0, kTwoUsers = 1 };
  // Nodes: 0 User (User 1 in two-users mode), 1 Server A (holds record x in
  // two-users mode), 2 Server B, 3 Server C, 4 User 2 (two-users mode only).
  enum NodeId : uint32_t { kUser = 0, kA = 1, kB = 2, kC = 3, kUser2 = 4 };
  // Message kinds (MessageRecord::kind), for drawing and labels.
  enum MsgKind : uint32_t {
    kRequest, kQuery, kUpdate, kResponse, kAck, kResult,          // fan-out
    kIncrement, kRead, kValue, kWrite, kWritten, kDone,           // two users
    kMsgKinds
  };
  static const char* kind_name(uint32_t kind);

  Mode mode() const { return param(kMode) >= 0.5 ? kTwoUsers : kFanOut; }
  uint32_t node_count() const { return mode() == kTwoUsers ? 5 : 4; }
  const Cluster& cluster() const { return cl_; }

  // One round of the scenario: one user request (fan-out) or one pair of
  // concurrent increments (two users). Rounds never overlap.
  struct Round {
    uint64_t index = 0;
    Time start = 0, end = -1;      // true times; end -1: still running
    uint64_t first_msg = 0;        // trace id of the round's first message
    // Fan-out.
    Time up = 0, down = 0;         // one-way delays of Request and Result
    Time branch_b = -1, branch_c = -1;  // A's wait for Response / Ack
    Time latency = -1;             // user's end-to-end wait
    bool b_first = false;          // B's response strictly before C's ack
    bool tie = false;              // both in the same nanosecond: neither first
    // Two users (client 0 = User 1 via B, client 1 = User 2 via C).
    int64_t start_value = 0, final_value = 0;
    int64_t read_value[2] = {-1, -1}, write_value[2] = {-1, -1};
    Time client_latency[2] = {-1, -1};
    int lost_client = -1;          // whose write overwrote the other's, or -1
    uint64_t lost_write_msg = 0;   // trace id of that write
    bool done() const { return end >= 0; }
  };
  // The round in progress (or the last one, between rounds).
  const Round& current() const { return cur_; }
  bool round_running() const { return running_; }
  // Completed rounds, newest last.
  const Ring<Round>& rounds() const { return rounds_; }
  uint64_t rounds_done() const { return rounds_done_; }
  int64_t record_value() const { return x_; }

  // "Run 1,000 times": `runs` independent single-round trials with the current
  // settings, each seeded from this run's seed and its index. The live run
  // is untouched.
  struct Batch {
    int runs = 0;
    uint64_t b_first = 0, c_first = 0, ties = 0, lost = 0;
    Histogram latency;             // end-to-end (fan-out) or per increment
    double mean_latency_ms = 0;
    double mean_slower_ms = 0;     // up + max(branches) + down
    double mean_sum_ms = 0;        // up + branch_b + branch_c + down: what it is not
    // Latency histogram for plotting: bins of bin_ms from lo_ms.
    std::vector<uint32_t> bins;
    double lo_ms = 0, bin_ms = 1;
  };
  void run_batch(int runs = 1000);
  const Batch& batch() const { return batch_; }

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;

 private:
  void apply_links();
  void start_round();
  void finish_round();
  void send(uint32_t from, uint32_t to, uint32_t kind, uint64_t payload);
  uint32_t server_of(int client) const { return client == 0 ? kB : kC; }
  uint32_t user_of(int client) const { return client == 0 ? kUser : kUser2; }
  int client_of_server(uint32_t s) const { return s == kB ? 0 : 1; }


  Cluster cl_{4096};
  Rng stagger_rng_;
  Round cur_;
  bool running_ = false;
  Ring<Round> rounds_{256};
  uint64_t rounds_started_ = 0, rounds_done_ = 0;
  // Fan-out state of the current round.
  Time a_got_request_ = 0, result_sent_ = 0;
  int replies_ = 0;
  Time first_reply_at_ = 0;
  // Two-users state.
  int64_t x_ = 0;                  // the record, held by Server A
  uint64_t writes_ = 0;            // writes applied to x
  int clients_done_ = 0;
  // Figures.
  uint64_t order_b_first_ = 0, order_c_first_ = 0, order_ties_ = 0, lost_updates_ = 0, requests_done_ = 0;
  Histogram latency_;
  Batch batch_;
};

// The scene's record (core/scene.h).
const SceneInfo& concurrency_scene();

}  // namespace dsviz
