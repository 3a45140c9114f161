#include "cluster.h"

namespace dsviz {

void Cluster::reset(Sim& sim, uint32_t n, const LinkSpec& link, uint64_t stream_id) {
  nodes.assign(n, Node{});
  net.reset(n, link);
  trace.clear();
  evicted_.clear();
  net_rng = sim.stream(stream_id);
  sent_ = lost_ = delivered_ = 0;
}

uint64_t Cluster::send(Sim& sim, uint32_t from, uint32_t to, uint32_t kind, Event arrival) {
  const uint64_t id = sent_++;
  const Time now = sim.now();
  MessageRecord r;
  r.id = id;
  r.from = from;
  r.to = to;
  r.kind = kind;
  r.send_true = now;
  r.send_local = nodes[from].clock.read(now);
  r.lamport_send = nodes[from].lamport.tick();
  sim.hash_in(uint64_t(r.send_local));  // the sender's clock reading is part of the run
  const Time delay = net.sample_delay(from, to, net_rng);
  if (delay < 0) {
    r.lost = true;
    ++lost_;
    sim.hash_in(0x1057ULL ^ id);  // a loss changes the run: the hash sees it
  } else {
    arrival.a = id;
    r.due_true = now + delay;
    sim.after(delay, arrival);
  }
  if (trace.size() == trace.capacity()) {  // the push overwrites the oldest record
    const MessageRecord& old = trace[0];
    if (!old.lost && !old.delivered()) evicted_[old.id] = Evicted{old.to, old.lamport_send};
  }
  trace.push(r);
  return id;
}

const MessageRecord* Cluster::deliver(Sim& sim, uint64_t id) {
  ++delivered_;
  sim.require(delivered_ + lost_ <= sent_, "messages delivered + lost <= sent");
  const Time now = sim.now();
  MessageRecord* r = trace.find_pushed(id);
  if (!r) {  // left the ring: the receive still counts as a Lamport event
    auto it = evicted_.find(id);
    sim.require(it != evicted_.end(), "a message in flight is in the ring or kept aside");
    if (it != evicted_.end()) {
      Node& to = nodes[it->second.to];
      sim.hash_in(uint64_t(to.clock.read(now)));
      to.lamport.receive(it->second.lamport_send);
      evicted_.erase(it);
    }
    return nullptr;
  }
  sim.require(now >= r->send_true, "no message received before it was sent (true time)");
  r->recv_true = now;
  r->recv_local = nodes[r->to].clock.read(now);
  sim.hash_in(uint64_t(r->recv_local));  // the receiver's clock reading too
  r->lamport_recv = nodes[r->to].lamport.receive(r->lamport_send);
  sim.require(r->lamport_recv > r->lamport_send, "Lamport stamps follow causality");
  return r;
}

}  // namespace dsviz
