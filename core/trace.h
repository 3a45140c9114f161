// The message trace behind space-time diagrams: every send and receive with
// true time and each side's local clock reading, kept in a bounded ring.
#pragma once
#include <cstdint>

#include "ring.h"
#include "vtime.h"

namespace dsviz {

struct MessageRecord {
  uint64_t id = 0;  // 0-based send number in this run
  uint32_t from = 0, to = 0;
  uint32_t kind = 0;          // model-defined label
  Time send_true = 0, recv_true = -1;     // recv -1: in flight or lost
  Time due_true = -1;                     // scheduled arrival, for animation
  Time send_local = 0, recv_local = -1;   // local clock readings
  uint64_t lamport_send = 0, lamport_recv = 0;
  bool lost = false;
  bool delivered() const { return recv_true >= 0; }
};

using Trace = Ring<MessageRecord>;

}  // namespace dsviz
