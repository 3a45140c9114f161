#include "links.h"

namespace dsviz::quiz {

namespace {

constexpr LiveLink kLinks[] = {
    // dsviz's own quiz (assets/quiz/dsviz-quiz*.toml).
    {"dsviz-definition", "scene=unity", "Many servers behind one name: the illusion of unity"},
    {"dsviz-hidden-dependency", "scene=unity&dependency_up=0",
     "The hidden authentication service is down: every request fails, every server is up"},
    {"dsviz-characteristics", "scene=concurrency", "Events on three servers at once, with no shared clock"},
    {"dsviz-concurrency", "scene=concurrency&mode=1", "Two users, one record: count who wins over many runs"},
    {"dsviz-lamport-trace", "scene=clocks&lamport=1", "Lamport timestamps on every message"},
    {"dsviz-independent-failure", "scene=failure", "Crash a node and watch its load move to the others"},
    {"dsviz-availability-replicas", "scene=availability&replicas=2&mtbf_min=99&mttr_min=1",
     "Two replicas each up 99%: the measured figure meets 99.99%"},
    {"dsviz-availability-series", "scene=availability&replicas=2&mtbf_min=99&mttr_min=1&database=1&db_mtbf_min=99&db_mttr_min=1",
     "The same two replicas with a 99% database in series"},
    {"dsviz-latency", "scene=latency", "Round trips from one user to data centres around the world"},
    {"dsviz-scale-out", "scene=scaling", "One big server against many small ones"},
    // The course's quiz (quizzes/fundamentals-what-is-ds.toml), by id.
    {"310d917d-a04e-4d5c-8b27-1a198aaa3948", "scene=unity&dependency_up=0",
     "Lamport's definition: a machine you never saw stops your requests"},
    {"e429a35c-a923-4e74-b3ab-08f66c174332", "scene=clocks&drift_ppm=500",
     "Clocks drifting apart with no synchronisation"},
    {"3647d7e9-6ae2-4040-aebc-c45f45faa7c6", "scene=scaling", "Scaling out: many commodity servers"},
    {"17c72952-cf5d-471f-bfab-0e434dc57579", "scene=tradeoffs", "What distribution buys, and what it costs"},
    {"f088678b-7873-4bcf-b4da-1269804ac0d4", "scene=unity", "One system on the outside, many servers inside"},
    {"ec20be6f-7033-4e2f-9ffd-11b5fded6135", "scene=clocks&lamport=1",
     "Lamport timestamps order events by cause, not by clock time"},
};

}  // namespace

std::span<const LiveLink> live_links() { return kLinks; }

const LiveLink* live_link(std::string_view id) {
  for (const LiveLink& l : kLinks)
    if (id == l.question_id) return &l;
  return nullptr;
}

}  // namespace dsviz::quiz
