// The shell's side of guided tours (core/tour/tour.h): which scene's tour is
// offered, running or left for later, the caption panel with Back/Next,
// "Do it for me" and "Explore freely", and the reader's memory of tours
// already seen (the same storage as the quiz's answers), so a returning
// reader goes straight to the scene. The platform reads the caption for
// screen readers through take_caption(). No I/O here.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.h"
#include "quiz_host.h"
#include "tour/tour.h"

namespace dsviz::ui {

class TourHost {
 public:
  static constexpr const char* kSeenKey = "tours-seen";
  // After the condition of a waiting step holds, the tour moves on after
  // this long, so the reader sees that it did.
  static constexpr double kAdvanceDelayS = 1.2;

  TourHost();
  void set_storage(Storage s);

  // A scene opened. offer: the reader came by the menu or a bare address
  // (a deep link with settings, or a returning reader, goes straight to
  // the scene). Ends a running tour of another scene.
  void scene_opened(std::string_view scene, bool offer);
  // The bundled tour of a scene, or nullptr.
  const tour::Tour* find(std::string_view scene) const;

  // Starts (or restarts) the open scene's tour at step k, rebuilding the
  // run as that step sets it up. False when the scene has no tour.
  bool start(Model& m, size_t k = 0);
  bool next_step(Model& m);  // presenter mode: right arrow
  bool prev_step(Model& m);  // presenter mode: left arrow
  void act(Model& m);        // "Do it for me"
  void leave();              // "Explore freely": the scene stays as it is
  void dismiss();            // "No thanks" on the offer
  void finish();             // past the last step

  bool active() const { return active_; }
  bool offered() const { return offered_; }
  size_t step() const { return player_.step(); }
  size_t steps() const { return player_.size(); }
  // The step the reader left the tour at, to come back to (0: none).
  size_t left_at() const { return left_at_; }
  // The target outlined now ("" when none).
  std::string highlight() const;
  const tour::Tour* tour() const { return player_.tour(); }

  // Each frame, after the run advanced: setup commands that came due, the
  // advance condition, the short pause before moving on.
  void frame(Model& m, double dt_s);
  // Keys (when no text field has the keyboard): N next, P back, Escape
  // explore freely. Returns true when one was used.
  bool handle_keys(Model& m);

  // The caption panel under the header (page) or under the scene (embed,
  // compact). Draws the offer or the resume button when no tour runs.
  void draw(Model& m, bool compact);
  // Height draw(m, true) will take, for the embed layout.
  float compact_height() const;

  // The text for screen readers when it changed since the last call
  // (step, caption and what the step waits for): the platform writes it
  // into the page's live region.
  bool take_caption(std::string& text);
  // Counts the tour's changes to the run (start, Next, Back, Do it for me),
  // so the shell can tell them from a reader's restart.
  uint64_t actions() const { return actions_; }
  // The offer is withdrawn (a deep link with settings opened the scene).
  void withdraw_offer() { offered_ = false; }

 private:
  bool seen(std::string_view scene);
  void mark_seen(std::string_view scene);
  std::string caption_text() const;
  void draw_offer(Model& m, bool compact);

  static bool has_tour(std::string_view scene);  // a bundled tour exists (not read)

  // One per bundled tour, read by find() the first time it is asked for.
  struct Slot {
    bool read = false, ok = false;
    tour::Tour tour;
  };
  mutable std::vector<Slot> slots_;
  mutable std::vector<std::string> load_errors_;  // a bundled tour that failed its check (a test catches it)
  tour::Player player_;
  std::string scene_;
  bool active_ = false;
  bool offered_ = false;
  size_t left_at_ = 0;
  double met_for_s_ = -1;  // seconds since the condition held; < 0: not yet
  Storage storage_;
  bool loaded_seen_ = false;
  std::vector<std::string> seen_;
  std::string caption_sent_;
  bool caption_dirty_ = true;
  uint64_t actions_ = 0;
};

}  // namespace dsviz::ui
