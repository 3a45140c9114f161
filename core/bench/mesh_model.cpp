#include "mesh_model.h"

namespace dsviz {
namespace {
enum EventKind : uint32_t { kSend, kArrive, kCrash, kRecover };
}

MeshModel::MeshModel() {
  add_param(kNodes, {"nodes", 2, 5000, 1000, "nodes", "Machines in the mesh", true});
  add_param(kRate, {"rate", 0.1, 100, 10, "msg/s", "Messages each node sends per second"});
  add_param(kLoss, {"loss", 0, 1, 0.001, "", "Probability a message is lost"});
  add_param(kMtbfS, {"mtbf_s", 1, 1e6, 3600, "s", "Mean time between failures of one node"});
}

void MeshModel::on_reset() {
  const uint32_t n = uint32_t(param(kNodes));
  LinkSpec link{500 * kUs, 200 * kUs, param(kLoss), Jitter::Exponential};
  cl_.reset(sim_, n, link, 1);
  rng_ = sim_.stream(2);
  delay_.clear();
  received_ = dropped_at_down_ = crashes_ = 0;
  mean_gap_s_ = 1.0 / param(kRate);
  for (uint32_t i = 0; i < n; ++i) {
    Node& nd = cl_.nodes[i];
    nd.clock = LocalClock(from_ms(rng_.uniform(-50, 50)), rng_.normal(0, 78));
    nd.failures = FailureSpec{from_s(param(kMtbfS)), 5 * kMin};
    sim_.at(from_s(rng_.exponential(mean_gap_s_)), Event{kSend, i, 0, 0});
    sim_.at(nd.failures.sample_uptime(rng_), Event{kCrash, i, 0, 0});
  }
}

void MeshModel::on_event(const Event& e) {
  Node& nd = cl_.nodes[e.node];
  switch (e.kind) {
    case kSend: {
      if (nd.up) {
        uint32_t to = uint32_t(rng_.below(cl_.nodes.size() - 1));
        if (to >= e.node) ++to;
        cl_.send(sim_, e.node, to, 0, Event{kArrive, to, 0, 0});
      }
      sim_.after(from_s(rng_.exponential(mean_gap_s_)), Event{kSend, e.node, 0, 0});
      break;
    }
    case kArrive: {
      const MessageRecord* r = cl_.deliver(sim_, e.a);
      if (!nd.up) { ++dropped_at_down_; break; }
      ++received_;
      if (r) delay_.add(r->recv_true - r->send_true);
      break;
    }
    case kCrash:
      nd.crash(sim_.now());
      ++crashes_;
      sim_.after(nd.failures.sample_downtime(rng_), Event{kRecover, e.node, 0, 0});
      break;
    case kRecover:
      nd.recover(sim_.now());
      sim_.after(nd.failures.sample_uptime(rng_), Event{kCrash, e.node, 0, 0});
      break;
  }
}

void MeshModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"messages_sent", double(cl_.sent())});
  out.push_back({"messages_received", double(received_)});
  out.push_back({"messages_lost", double(cl_.lost())});
  out.push_back({"messages_to_down_nodes", double(dropped_at_down_)});
  out.push_back({"crashes", double(crashes_)});
  out.push_back({"delay_p50_ms", to_ms(delay_.quantile(0.5))});
  out.push_back({"delay_p99_ms", to_ms(delay_.quantile(0.99))});
}

}  // namespace dsviz
