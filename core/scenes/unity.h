// Scene "unity": the chapter's Definition and Lamport's quote. Users see one
// system; behind it N servers in a ring share the work, call each other for
// data, and all depend on a service the user never sees (authentication).
// Crash servers and the user barely notices; fail the hidden service and
// every request fails.
#pragma once
#include <unordered_map>

#include "cluster.h"
#include "metrics.h"
#include "model.h"
#include "scene.h"

namespace dsviz {

class UnityModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kNodes{0}, kRate{1}, kServiceMs{2}, kLinkMs{3}, kJitterMs{4}, kPeerCallPct{5}, kAuth{6}, kTimeoutMs{7}, kCrashed{8}, kDependencyUp{9};
  UnityModel();

  // Node numbering in cluster(): servers 0..N-1, then the hidden dependency,
  // then the user.
  uint32_t servers() const { return uint32_t(param(kNodes)); }
  uint32_t dependency_node() const { return servers(); }
  uint32_t user_node() const { return servers() + 1; }
  const Cluster& cluster() const { return cl_; }

  // Commands from the reader.
  void send_request();                 // one request now
  void toggle_node(uint32_t node);     // crash or restart a server or the dependency
  uint32_t command_kinds() const override { return 2; }  // send_request, toggle_node(arg)
  bool node_up(uint32_t node) const { return cl_.nodes[node].up; }

  // Figures (all from the run).
  uint64_t sent() const { return sent_; }
  uint64_t served() const { return served_; }
  uint64_t failed() const { return failed_; }
  uint64_t in_progress() const { return reqs_.size(); }
  const Histogram& latency() const { return latency_; }
  int last_served_by() const { return last_server_; }  // -1: none yet
  bool last_ok() const { return last_ok_; }
  // What the user saw, newest last: (virtual time of the response, latency, ok).
  struct Outcome { Time t; Time latency; bool ok; int server; };
  const Ring<Outcome>& outcomes() const { return outcomes_; }
  // Which servers the load balancer currently routes to (its health view).
  bool routable(uint32_t server) const { return healthy_[server]; }

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

  // Message kinds (MessageRecord::kind), for drawing.
  enum MsgKind : uint32_t { kRequest, kAuthCall, kAuthReply, kPeerCall, kPeerReply, kResponse };

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  struct Req {
    Time start = 0;
    uint32_t server = 0;
    uint64_t epoch = 0;     // the server's epoch when it took the request
    int waiting = 0;        // replies still expected: 1 auth, 2 peer (bits)
    uint32_t peer = 0;      // peer asked for data
    int peer_tries = 0;
    uint64_t call_serial = 0;  // bumps on every call: stale timeouts ignored
    bool error = false;
    bool holding = false;   // holds one of the server's workers
  };
  // Sends a message about request `rid`; it arrives as kMsgArrival + kind.
  void send(uint32_t from, uint32_t to, MsgKind kind, uint64_t rid);
  void schedule_next_arrival();
  void issue_request();
  void flip_node(uint32_t node);
  void route(uint64_t rid);
  void start_service(uint32_t server);
  void call_peer(uint64_t rid, Req& r);
  void finish_call(uint64_t rid, Req& r);
  void respond(uint64_t rid, Req& r, bool ok);
  void complete(uint64_t rid, bool ok, int server);
  void free_worker(uint32_t server);
  uint32_t pick_peer(uint32_t server, int tries) const;
  Time call_timeout() const;  // how long a server waits for a call's reply


  Cluster cl_{2048};
  Rng arrivals_, work_;
  std::unordered_map<uint64_t, Req> reqs_;
  std::vector<bool> healthy_;
  uint64_t next_rid_ = 0, sent_ = 0, served_ = 0, failed_ = 0, rr_ = 0;
  Histogram latency_;
  int last_server_ = -1;
  bool last_ok_ = true;
  Ring<Outcome> outcomes_{64};
};

// The scene's record (core/scene.h).
const SceneInfo& unity_scene();

}  // namespace dsviz
