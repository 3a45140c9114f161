#include "unity.h"

#include "describe.h"

namespace dsviz {
namespace {

// Event kinds. The values are part of the golden trace hashes: keep them.
enum EventKind : uint32_t {
  kUserArrival = 0,     // the next request of the steady stream; a = rate_tag of its rate
  kMsgArrival = 1,      // + the message's MsgKind: node = receiver, a = msg id, b = request id
  kServiceDone = 17,    // node, a = request, b = server epoch
  kCallTimeout = 18,    // node, a = request, b = call serial
  kClientTimeout = 19,  // a = request
  kHealthCheck = 20,    // the load balancer looks at every server
};
static_assert(uint32_t(kMsgArrival) + UnityModel::kResponse < kServiceDone, "message arrivals fit below kServiceDone");
constexpr Time kHealthPeriod = 1 * kSec;
constexpr uint32_t kWorkers = 4;
constexpr uint64_t kStreamNet = 1, kStreamArrivals = 2, kStreamWork = 3;

// A pending arrival carries the rate it was drawn for (in micro-requests per
// second), so one drawn before a rate change is recognised as stale.
uint64_t rate_tag(double rate_rps) { return uint64_t(rate_rps * 1e6); }

}  // namespace

UnityModel::UnityModel() {
  add_param(kNodes, {"nodes", 1, 32, 4, "servers", "Servers behind the single system the user sees", true, false, "Servers"});
  add_param(kRate, {"rate", 0, 100, 10, "req/s", "Steady request rate from the user (Poisson)", false, false, "Request rate"});
  add_param(kServiceMs, {"service_ms", 1, 1000, 30, "ms", "Mean time a server works on one request (4 at once)", false, false, "Service time"});
  add_param(kLinkMs, {"link_ms", 0.1, 200, 10, "ms", "One-way network latency between any two machines", false, true, "Link latency"});
  add_param(kJitterMs, {"jitter_ms", 0, 200, 5, "ms", "Random extra delay per message, uniform 0..jitter", false, false, "Jitter"});
  add_param(kPeerCallPct, {"peer_call_pct", 0, 100, 50, "%", "Share of requests that need data held by another server", false, false, "Peer calls"});
  add_param(kAuth, {"auth", 0, 1, 1, "", "Every request first checks the hidden authentication service", true, false, "Hidden auth service"});
  add_param(kTimeoutMs, {"timeout_ms", 100, 10000, 2000, "ms", "The user gives up after this long", false, true, "User timeout"});
  add_param(kCrashed, {"crashed", 0, 32, 0, "servers", "Servers that are down from the start", true, false, "Crashed at start"});
  add_param(kDependencyUp, {"dependency_up", 0, 1, 1, "", "The hidden authentication service is up when the run starts", true, false, "Auth service up"});
}

void UnityModel::on_reset() {
  const uint32_t n = servers();
  LinkSpec link;
  link.latency = from_ms(param(kLinkMs));
  link.jitter = from_ms(param(kJitterMs));
  cl_.reset(sim_, n + 2, link, kStreamNet);
  for (uint32_t i = 0; i < n; ++i) {
    cl_.nodes[i].workers = kWorkers;
    cl_.nodes[i].queue_limit = 200;
  }
  const uint32_t crashed = uint32_t(param(kCrashed)) < n ? uint32_t(param(kCrashed)) : n;
  for (uint32_t i = 0; i < crashed; ++i) cl_.nodes[i].crash(0);
  if (param(kDependencyUp) < 0.5) cl_.nodes[dependency_node()].crash(0);
  healthy_.assign(n, false);
  for (uint32_t i = 0; i < n; ++i) healthy_[i] = cl_.nodes[i].up;
  arrivals_ = sim_.stream(kStreamArrivals);
  work_ = sim_.stream(kStreamWork);
  reqs_.clear();
  next_rid_ = sent_ = served_ = failed_ = rr_ = 0;
  latency_.clear();
  last_server_ = -1;
  last_ok_ = true;
  outcomes_.clear();
  schedule_next_arrival();
  sim_.after(kHealthPeriod, Event{kHealthCheck, 0, 0, 0});
}

void UnityModel::on_param_changed(size_t i) {
  if (i == kNodes || i == kCrashed || i == kDependencyUp) {
    reset(seed());
    return;
  }
  // The rest take effect live, so a reader can drag a slider and watch.
  LinkSpec link = cl_.net.default_link();
  link.latency = from_ms(param(kLinkMs));
  link.jitter = from_ms(param(kJitterMs));
  cl_.net.set_default(link);
  if (i == kRate) schedule_next_arrival();
}

void UnityModel::send(uint32_t from, uint32_t to, MsgKind kind, uint64_t rid) {
  cl_.send(sim_, from, to, kind, Event{uint32_t(kMsgArrival) + kind, to, 0, rid});
}

void UnityModel::schedule_next_arrival() {
  // One pending arrival at a time; the event carries the rate it was drawn
  // for, so a rate change cancels the old one (see rate_tag).
  const double rate = param(kRate);
  if (rate <= 0) return;
  const Time gap = from_s(arrivals_.exponential(1.0 / rate));
  sim_.after(gap < 1 ? 1 : gap, Event{kUserArrival, 0, rate_tag(rate), 0});
}

// Reader commands go through Model::command so scrubbing can replay them.
enum UnityCommand : uint32_t { kCmdSend, kCmdToggle };
void UnityModel::send_request() { command(kCmdSend); }
void UnityModel::toggle_node(uint32_t node) { command(kCmdToggle, node); }

void UnityModel::on_command(uint32_t kind, uint64_t arg) {
  if (kind == kCmdSend) issue_request();
  if (kind == kCmdToggle) flip_node(uint32_t(arg));
}

void UnityModel::issue_request() {
  const uint64_t rid = next_rid_++;
  ++sent_;
  reqs_[rid] = Req{sim_.now()};
  sim_.after(from_ms(param(kTimeoutMs)), Event{kClientTimeout, 0, rid, 0});
  route(rid);
}

void UnityModel::route(uint64_t rid) {
  // Round robin over the servers the last health check saw up.
  const uint32_t n = servers();
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t s = uint32_t((rr_ + k) % n);
    if (!healthy_[s]) continue;
    sim_.require(s < n && healthy_[s], "unity: the load balancer routes only to a server it saw healthy");
    rr_ = s + 1;
    reqs_[rid].server = s;
    send(user_node(), s, kRequest, rid);
    return;
  }
  complete(rid, false, -1);  // nothing to route to: the user gets an error at once
}

void UnityModel::flip_node(uint32_t node) {
  if (node >= user_node()) return;
  Node& nd = cl_.nodes[node];
  const uint64_t epoch = nd.epoch;
  if (nd.up) {
    nd.crash(sim_.now());
    sim_.require(nd.epoch == epoch + 1 && nd.busy == 0 && nd.queue.empty(), "unity: a crash starts a new epoch and drops all work");
  } else {
    nd.recover(sim_.now());
    sim_.require(nd.epoch == epoch, "unity: a restart keeps the epoch of the crash");
  }
  sim_.hash_in(0xc0de0000ULL + node);  // a reader's click is part of the run
}

uint32_t UnityModel::pick_peer(uint32_t server, int tries) const {
  // Data lives on the next servers around the ring (the chapter's links).
  return (server + 1 + uint32_t(tries)) % servers();
}

void UnityModel::start_service(uint32_t s) {
  Node& nd = cl_.nodes[s];
  while (nd.up && nd.busy < nd.workers && !nd.queue.empty()) {
    const uint64_t rid = nd.queue.front();
    nd.queue.pop_front();
    auto it = reqs_.find(rid);
    if (it == reqs_.end()) continue;  // the user already gave up
    Req& r = it->second;
    sim_.require(!r.holding && r.server == s, "unity: a request takes one worker, on its own server");
    ++nd.busy;
    r.holding = true;
    r.waiting = 0;
    if (param(kAuth) >= 0.5) {
      send(s, dependency_node(), kAuthCall, rid);
      r.waiting |= 1;
    }
    if (servers() > 1 && work_.bernoulli(param(kPeerCallPct) / 100.0)) {
      r.waiting |= 2;
      call_peer(rid, r);
    }
    ++r.call_serial;
    if (r.waiting) {
      sim_.after(call_timeout(), Event{kCallTimeout, s, rid, r.call_serial});
    } else {
      finish_call(rid, r);
    }
  }
}

Time UnityModel::call_timeout() const {
  // Twice the slowest round trip (each way at most link + jitter), and at
  // least 100 ms.
  const Time t = 4 * (from_ms(param(kLinkMs)) + from_ms(param(kJitterMs)));
  return t < 100 * kMs ? 100 * kMs : t;
}

void UnityModel::call_peer(uint64_t rid, Req& r) {
  r.peer = pick_peer(r.server, r.peer_tries);
  send(r.server, r.peer, kPeerCall, rid);
}

void UnityModel::finish_call(uint64_t rid, Req& r) {
  if (r.waiting) return;
  const Time work = from_ms(work_.exponential(param(kServiceMs)));
  sim_.after(work, Event{kServiceDone, r.server, rid, r.epoch});
}

void UnityModel::respond(uint64_t rid, Req& r, bool ok) {
  // Only a request being served answers, and only once: answering lets go
  // of its worker.
  sim_.require(r.holding && cl_.nodes[r.server].epoch == r.epoch, "unity: a server answers a request once, in the epoch it took it");
  r.error = !ok;
  r.waiting = 0;
  r.holding = false;
  send(r.server, user_node(), kResponse, rid);
  free_worker(r.server);
}

void UnityModel::free_worker(uint32_t s) {
  Node& nd = cl_.nodes[s];
  sim_.require(nd.busy > 0, "unity: a worker is freed only while busy");
  if (nd.busy > 0) --nd.busy;
  start_service(s);
}

void UnityModel::complete(uint64_t rid, bool ok, int server) {
  auto it = reqs_.find(rid);
  if (it == reqs_.end()) return;
  const Time lat = sim_.now() - it->second.start;
  const Req r = it->second;
  reqs_.erase(it);
  // A user who gives up frees the worker (the server notices the closed
  // connection), unless the server crashed and lost it anyway.
  if (r.holding && cl_.nodes[r.server].epoch == r.epoch) free_worker(r.server);
  if (ok) {
    ++served_;
    latency_.add(lat);
    last_server_ = server;
  } else {
    ++failed_;
  }
  // Erasing the request above makes a second completion impossible; the
  // counts confirm each request ends exactly once.
  sim_.require(served_ + failed_ + reqs_.size() == sent_, "unity: every request completes exactly once");
  last_ok_ = ok;
  outcomes_.push(Outcome{sim_.now(), lat, ok, server});
}

void UnityModel::on_event(const Event& e) {
  if (e.kind >= kMsgArrival && e.kind < kServiceDone) {
    const uint32_t mk = e.kind - kMsgArrival;  // a MsgKind
    cl_.deliver(sim_, e.a);
    const uint64_t rid = e.b;
    Node& at = cl_.nodes[e.node];
    if (mk == kResponse) {
      auto it = reqs_.find(rid);
      if (it != reqs_.end()) complete(rid, !it->second.error, int(it->second.server));
      return;
    }
    if (!at.up) return;  // a crashed machine hears nothing
    auto it = reqs_.find(rid);
    if (it == reqs_.end()) return;  // the user gave up: late messages are dropped
    Req& r = it->second;
    switch (mk) {
      case kRequest:
        r.epoch = at.epoch;
        if (at.queue.size() >= at.queue_limit) {  // overloaded: refuse at once
          r.error = true;
          send(e.node, user_node(), kResponse, rid);
          return;
        }
        at.queue.push_back(rid);
        start_service(e.node);
        return;
      case kAuthCall:  // the hidden service answers at once
        send(e.node, r.server, kAuthReply, rid);
        return;
      case kPeerCall:
        send(e.node, r.server, kPeerReply, rid);
        return;
      case kAuthReply:
      case kPeerReply:
        if (r.epoch != at.epoch || !(r.waiting & (mk == kAuthReply ? 1 : 2))) return;
        r.waiting &= ~(mk == kAuthReply ? 1 : 2);
        finish_call(rid, r);
        return;
    }
    return;
  }
  switch (e.kind) {
    case kUserArrival:
      if (e.a != rate_tag(param(kRate))) return;  // drawn for an old rate
      issue_request();
      schedule_next_arrival();
      return;
    case kServiceDone: {
      auto it = reqs_.find(e.a);
      if (it == reqs_.end()) return;  // the user gave up meanwhile
      if (cl_.nodes[e.node].epoch != e.b || !cl_.nodes[e.node].up) return;
      sim_.require(it->second.server == e.node && it->second.epoch == e.b, "unity: service ends on the server and epoch that took the request");
      respond(e.a, it->second, true);
      return;
    }
    case kCallTimeout: {
      auto it = reqs_.find(e.a);
      if (it == reqs_.end()) return;
      Req& r = it->second;
      if (r.call_serial != e.b || !r.waiting || !cl_.nodes[r.server].up || cl_.nodes[r.server].epoch != r.epoch) return;
      if (r.waiting & 1) {  // no answer from the hidden service: the request fails
        respond(e.a, r, false);
        return;
      }
      // The peer did not answer: ask the next replica, if any is left.
      if (++r.peer_tries >= int(servers()) - 1) {
        respond(e.a, r, false);
        return;
      }
      ++r.call_serial;
      call_peer(e.a, r);
      sim_.after(call_timeout(), Event{kCallTimeout, r.server, e.a, r.call_serial});
      return;
    }
    case kClientTimeout:
      complete(e.a, false, -1);
      return;
    case kHealthCheck:
      for (uint32_t i = 0; i < servers(); ++i) healthy_[i] = cl_.nodes[i].up;
      sim_.after(kHealthPeriod, Event{kHealthCheck, 0, 0, 0});
      return;
  }
  sim_.require(false, "unity: event kinds are known");
}

void UnityModel::metrics(std::vector<Metric>& out) const {
  const uint64_t done = served_ + failed_;
  out.push_back({"requests_sent", double(sent_)});
  out.push_back({"requests_served", double(served_)});
  out.push_back({"requests_failed", double(failed_)});
  out.push_back({"success_ratio", done ? double(served_) / double(done) : 1.0});
  out.push_back({"latency_p50_ms", to_ms(latency_.quantile(0.5))});
  out.push_back({"latency_p99_ms", to_ms(latency_.quantile(0.99))});
  out.push_back({"last_served_by_node", double(last_server_ + 1)});  // Node 1..N as drawn; 0: none yet
  out.push_back({"messages_sent", double(cl_.sent())});
  out.push_back({"messages_lost", double(cl_.lost())});
}

std::string UnityModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (served_ + failed_ + reqs_.size() != sent_) return "invariant: served + failed + in progress == sent";
  if (latency_.count() != served_) return "invariant: one latency sample per served request";
  for (uint32_t i = 0; i < servers(); ++i)
    if (cl_.nodes[i].busy > cl_.nodes[i].workers) return "invariant: busy workers <= workers";
  return "";
}

std::string UnityModel::describe() const {
  const uint32_t n = servers();
  uint32_t down = 0;
  for (uint32_t i = 0; i < n; ++i) down += node_up(i) ? 0 : 1;
  std::string s = count_of(n, "server", "servers") + (down == 0 ? std::string(", all up") : down == n ? std::string(", all down") : say(", %u down", down));
  if (param(kAuth) < 0.5) s += "; no authentication service";
  else if (node_up(dependency_node())) s += "; the hidden authentication service is up";
  else s += "; the hidden authentication service is down, so every request fails";
  if (outcomes_.empty()) {
    s += "; no request has finished yet";
  } else {
    const Outcome& o = outcomes_.back();
    const std::string took = spoken_ms(to_ms(double(o.latency)));
    if (o.ok) s += say("; the last request was served by Node %d in %s", o.server + 1, took.c_str());
    else s += say("; the last request failed after %s", took.c_str());
  }
  s += "; " + count_of(sent_, "request", "requests") + " sent, " + count_of(served_, "served", "served") + ", " +
       count_of(failed_, "failed", "failed") + ".";
  return s;
}

const SceneInfo& unity_scene() {
  static const SceneInfo info = {
    "unity", "Illusion of unity", "Definition",
     "Users see one system; behind it, independent computers share the work.\n"
     "Lamport's warning, in our words: a machine you never heard of breaks, and the one in front of you stops working.",
     {"Crash one or two servers: the user keeps being served, a little slower.",
      "Crash the hidden auth service: every request fails.",
      "'Reveal reality' (on at the start) lets you follow one request through the servers; turn it off to see only what the user sees.",
      "Set Servers to 1 and push Request rate up: past about 70 req/s one server cannot keep up. Four servers at the maximum rate are far from it."},
     10 * kMin,
    // Links take ~10 ms, so 0.1x stretches a hop over ~6 frames.
    0.1f, &make_model<UnityModel>,
      {
       {"Four servers, all up", "nodes=4&crashed=0"},
       {"Two of four servers down", "crashed=2"},
       {"Hidden auth service down", "dependency_up=0"},
       {"One server near its limit", "nodes=1&rate=90"}}};
  return info;
}

}  // namespace dsviz
