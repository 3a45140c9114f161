// Transport shared by every scene: play/pause, step one event, speed on a
// logarithmic scale, seed and reset; and turning real frame time into virtual
// time for the model.
#pragma once
#include <cstdint>
#include <string>

#include "model.h"
#include "work_budget.h"

namespace dsviz::ui {

constexpr float kMinSpeed = 0.01f;   // virtual seconds per real second
constexpr float kMaxSpeed = 1000.0f;
// Work cap per frame: at 1000x a busy scene could queue millions of events
// per real second; past this many the frame ends and virtual time lags
// instead of the page freezing.
constexpr uint64_t kMaxEventsPerFrame = 20000;
constexpr uint64_t kNoEventTarget = UINT64_MAX;
// A replay (timeline drag, "previous event") runs as many events a frame as
// fit in this much wall time, measured here in the front end (the core only
// counts events): a drag frame of a long busy run stays near an idle one.
constexpr double kReplayFrameMs = 12.0;
constexpr uint64_t kMinReplayEvents = 500, kMaxReplayEvents = 200000;
constexpr double kMaxTimelineZoom = 65536;

struct Transport {
  bool playing = true;
  float speed = 1.0f;
  uint64_t seed = 1;
  bool behind = false;      // the last frame hit kMaxEventsPerFrame
  double replay_fraction = 1;  // progress of a timeline replay in progress
  bool step_empty = false;  // "step" found no pending event
  Time furthest = 0;        // the latest virtual time this run reached (timeline end)
  // Timeline zoom: the bar shows 1/zoom of the run from view_lo (zoom 1:
  // the whole run). Zooming keeps the playhead in view.
  double zoom = 1;
  Time view_lo = 0;
  // "Previous event": the run is rebuilt from its start up to this many
  // events, a slice per frame (kNoEventTarget: none under way).
  uint64_t back_to_events = UINT64_MAX;
  // Events a frame of replay may run, sized by the last slices' wall time.
  WorkBudget replay_budget{5000, kMinReplayEvents, kMaxReplayEvents, kReplayFrameMs};
  // Replay events this frame has run so far (advance() and a timeline drag
  // share one frame's budget).
  uint64_t frame_replay_events = 0;
  uint64_t frame_replay_cap = 0;  // replay_budget.events() when the frame began
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
// frames (a frame runs at most replay_budget.events() of it, advance() and
// the drag together), so a long run never freezes the page. Beside it: previous / next event (also
// the , and . keys) and zoom around the playhead (- and + buttons, the wheel
// over the bar). Returns true when it rewound the run.
bool draw_timeline(Model& m, Transport& t);
// Zoom the timeline by `factor` (2 = in, 0.5 = out) around the playhead.
void zoom_timeline(const Model& m, Transport& t, double factor);
// Back to the event before the last one run (rebuilt over frames by
// advance()); false at the start of the run.
bool previous_event(Model& m, Transport& t);
// The part of the run the timeline bar covers now: [lo, hi].
void timeline_window(const Model& m, const Transport& t, Time& lo, Time& hi);
// "t = 1.25 s, 340 events" with the lag warning when the work cap bit.
void draw_clock(const Model& m, const Transport& t);

}  // namespace dsviz::ui
