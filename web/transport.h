// Transport shared by every scene: play/pause, step one event, speed on a
// logarithmic scale, seed and reset; and turning real frame time into virtual
// time for the model.
#pragma once
#include <cstdint>
#include <string>

#include "model.h"

namespace dsviz::ui {

constexpr float kMinSpeed = 0.01f;   // virtual seconds per real second
constexpr float kMaxSpeed = 1000.0f;
// Work cap per frame: at 1000x a busy scene could queue millions of events
// per real second; past this many the frame ends and virtual time lags
// instead of the page freezing.
constexpr uint64_t kMaxEventsPerFrame = 20000;

struct Transport {
  bool playing = true;
  float speed = 1.0f;
  uint64_t seed = 1;
  bool behind = false;      // the last frame hit kMaxEventsPerFrame
  double replay_fraction = 1;  // progress of a timeline replay in progress
  bool step_empty = false;  // "step" found no pending event
  Time furthest = 0;        // the latest virtual time this run reached (timeline end)
  char seed_text[24] = "1";
  std::string seed_error;   // shown next to the seed field
};

// Advances the model by dt_s real seconds times the speed, if playing.
void advance(Model& m, Transport& t, double dt_s);

// Play/pause, step, reset and speed; `compact` drops the labels for embeds
// and phones. Returns true when the model must be reset with t.seed.
bool draw_transport(Model& m, Transport& t, bool compact);
// Seed field; returns true when a new valid seed was entered (reset then).
bool draw_seed(Transport& t);
// The timeline: drag back to replay the run from its start up to that moment
// (with the reader's clicks and setting changes at their times), forward to
// run on to at most the furthest point reached. The replay is spread over
// frames (advance() runs at most kMaxEventsPerFrame of it per frame), so a
// long run never freezes the page. Returns true when it rewound the run.
bool draw_timeline(Model& m, Transport& t);
// "t = 1.25 s, 340 events" with the lag warning when the work cap bit.
void draw_clock(const Model& m, const Transport& t);

}  // namespace dsviz::ui
