// Nodes + network + trace: the shared plumbing of models that pass messages.
// send() draws the link delay, records the message and schedules its arrival;
// deliver() completes the record when the model handles that arrival.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "network.h"
#include "node.h"
#include "sim.h"
#include "trace.h"

namespace dsviz {

class Cluster {
 public:
  explicit Cluster(size_t trace_capacity = 4096) : trace(trace_capacity) {}
  // Clears everything for a new run of n nodes.
  void reset(Sim& sim, uint32_t n, const LinkSpec& link, uint64_t stream_id);

  // Sends a message from -> to. On arrival the model gets `arrival` with
  // arrival.a set to the message id (its payload travels in arrival.b).
  // Returns the message id; a lost message is recorded and never arrives.
  uint64_t send(Sim& sim, uint32_t from, uint32_t to, uint32_t kind, Event arrival);
  // Marks message `id` received now at its destination; returns its record
  // (nullptr when it has left the trace ring). Always updates the
  // receiver's Lamport clock, ring or not: a receive is a Lamport event.
  // The local send and receive stamps go into the trace hash, so runs whose
  // clocks differ hash differently.
  const MessageRecord* deliver(Sim& sim, uint64_t id);

  uint64_t sent() const { return sent_; }
  uint64_t lost() const { return lost_; }
  uint64_t delivered() const { return delivered_; }
  uint64_t in_flight() const { return sent_ - lost_ - delivered_; }

  std::vector<Node> nodes;
  Network net;
  Trace trace;
  Rng net_rng;

 private:
  // Messages still in flight whose records the ring overwrote: what a
  // receive needs from the record (destination, sender's Lamport stamp).
  // Filled only when the ring is too small for the messages in flight.
  struct Evicted {
    uint32_t to;
    uint64_t lamport_send;
  };
  std::unordered_map<uint64_t, Evicted> evicted_;
  uint64_t sent_ = 0, lost_ = 0, delivered_ = 0;
};

}  // namespace dsviz
