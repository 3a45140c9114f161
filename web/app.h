// The app shell: which scene is open, the transport, notices, and the layout
// around the scene's view (sidebar, header, settings, metrics). Draws with
// ImGui only; platform.cpp owns SDL, GL and the browser, so the UI test can
// call frame() with no GPU.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "options.h"
#include "panels.h"
#include "quiz_host.h"
#include "registry.h"
#include "scenes/views.h"
#include "targets.h"
#include "tour_host.h"
#include "transport.h"

namespace dsviz::ui {

// Presenter mode's text size against the page's (a projector at the back of
// a lecture hall).
constexpr float kPresentFontScale = 1.75f;

class App {
 public:
  // Opens opt.scene (or the default scene, with a notice naming a bad id).
  // Needs an ImGui context; loads no fonts (the platform or test does).
  explicit App(const LaunchOptions& opt);

  // One frame: advances the open scene by dt_s real seconds (the platform
  // caps it) and draws the whole UI. Call between ImGui::NewFrame and Render.
  void frame(double dt_s);

  // Opens a scene by id. An unknown id opens the default scene and adds a
  // notice naming it; returns false then.
  bool open_scene(std::string_view id);
  const char* scene_id() const { return info_->id; }
  const char* scene_title() const { return info_->title; }
  // True once after the open scene changed, so the platform can update the
  // URL or the window title.
  bool take_scene_changed();
  // True once after the scene, seed or a setting changed: the platform puts
  // link_params() in the URL so the address is a deep link to this run.
  bool take_link_changed();
  // ("seed", "7"), ("nodes", "8"), ...: a value of "" means "at its default,
  // leave it out of the link".
  std::vector<std::pair<std::string, std::string>> link_params();

  // Nothing in flight: paused, no replay under way (a timeline drag or a
  // rebuild), no link waiting to open. The platform may stop drawing until input then.
  bool idle() const;
  // The colour the platform clears the frame to before drawing it (opaque):
  // the UI leaves that colour undrawn where it is the biggest (backdrop.h).
  ImVec4 backdrop() const { return backdrop_; }
  // Wall milliseconds the last frame spent advancing the simulation.
  double sim_ms() const { return sim_ms_; }

  bool dark() const { return dark_; }
  // The page's theme from outside (window.dsviz, a host's dsviz:theme).
  void set_dark(bool dark);
  bool embed() const { return embed_; }
  // Presenter mode (?present=1, --present, the P key): the scene alone at
  // projector size, settings behind S, the high-contrast theme; keys in
  // README ("Presenter mode"). Not inside an embed.
  bool present() const { return present_; }
  void set_present(bool on);
  // The text scale the platform rasterises fonts for (1 outside presenter mode).
  // kPresentFontScale on a projector's width, less on a small window.
  float font_scale() const;
  // prefers-reduced-motion (browser) or --reduced-motion: views draw state
  // changes, not moving messages.
  void set_reduced_motion(bool on) { reduced_motion_ = on; }
  bool reduced_motion() const { return reduced_motion_; }
  // Keyboard navigation (Tab): a control shows the keyboard focus, and
  // Space, Enter and the arrows belong to it until Escape or a click; else
  // they are the scene's keys (README, Keys).
  bool keyboard_navigating() const;
  // Embed mode: the height in pixels the layout wants at the current width
  // (header, then the view at a width-based height, or the settings panel's
  // whole content); the page posts it to the host (dsviz:resize).
  float embed_height() const { return embed_height_; }
  // window.dsviz.runTo(): pauses and moves the run to virtual time t, back
  // (a replay from the start) or forward, a slice per frame like a timeline
  // drag; done once model().replaying() is false.
  void run_to(Time t);
  void add_notice(std::string text);
  const std::vector<std::string>& notices() const { return notices_; }
  Model& model() { return *model_; }
  Transport& transport() { return transport_; }

  // Opens a deep link ("scene=unity&dependency_up=0", core/link.h): its
  // scene with its seed and settings, the others at their defaults. Views
  // ask for it through ViewContext::open_link; it applies on the next frame.
  void open_link(std::string_view query);
  // The quiz scene's outside world (web/quiz_host.h): where answers are
  // kept, and a quiz file's text once fetched or read (or why it was not).
  // supply_quiz returns the notice it added ("" when the quiz loaded).
  void set_storage(Storage s);
  std::string supply_quiz(const std::string& name, std::string text);
  void quiz_failed(const std::string& name, const std::string& why);
  // This frame's two-finger pinch (the platform's, from SDL's fingers),
  // handed to the view in its ViewContext.
  void set_pinch(const ViewContext::Pinch& p) { pinch_ = p; }
  // Embed mode, a frame too small for the scene: the page offers "Open full
  // view", which calls this (the browser opens the same link without embed
  // in a new tab). Unset: the page only says the frame is too small.
  void set_open_full_view(std::function<void()> f) { open_full_view_ = std::move(f); }

  // "Save PNG" (the button beside the seed, window.dsviz.exportPng()): true
  // once after a request; the platform then draws the next frame at twice
  // its size and downloads or saves it.
  void request_png() { png_requested_ = true; }
  bool take_png_request() {
    const bool r = png_requested_;
    png_requested_ = false;
    return r;
  }

  // Guided tours (web/tour_host.h). next_step()/prev_step() are the
  // presenter's right and left arrows; false when there is no step to go to.
  TourHost& tours() { return tour_; }
  bool next_step();
  bool prev_step();
  // The tour's caption text for screen readers when it changed (the
  // platform writes it into the page's live region).
  bool take_tour_caption(std::string& text) { return tour_.take_caption(text); }
  // Where this frame's tour targets were drawn (tests read it).
  const TargetRects& targets() const { return targets_; }

 private:
  void draw_sidebar();
  void draw_scene_combo();
  void draw_notices();
  void draw_header(bool narrow);
  void draw_page(bool narrow);
  void draw_embed();
  void draw_body(bool narrow);
  void draw_body_columns(bool narrow);
  void draw_side_panels(bool compact);
  void draw_view(float height, bool compact);
  void handle_keys(bool navigating, bool tour_key);
  void handle_present_keys();
  void draw_present();
  void apply_preset(size_t index);
  void open_next_scene(int direction);
  void stop_keyboard_navigation();
  void own_scene_keys(bool navigating);
  void reset_model();  // also re-arms the link-size notice
  void apply_settings(const LaunchOptions& opt);
  void note_restart();
  void restore_defaults();
  void draw_highlight();
  void tour_moved();  // a tour rebuilt or changed the run: no restart notice

  const SceneInfo* info_ = nullptr;
  std::unique_ptr<Model> model_;
  ViewContext::Pinch pinch_;
  ViewSlot* view_ = nullptr;  // the open scene's view, or nullptr (none yet)
  // Each scene's view state, made on first open and kept for the app's life.
  std::vector<std::pair<const SceneInfo*, std::unique_ptr<ViewSlot>>> view_slots_;
  uint64_t seen_revision_ = 0;  // the model's revision the link was built from
  // What the last frame ended with, to notice a setting that restarted the
  // run (time went back without a reset or a timeline drag).
  Time last_now_ = 0;
  std::vector<double> last_values_;
  bool rewind_expected_ = false;
  bool link_note_shown_ = false;  // "the address keeps its settings only", once per run
  Transport transport_;
  SettingsState settings_;
  MetricsState metrics_;
  std::vector<std::string> notices_;
  bool embed_ = false;
  bool dark_ = true;
  bool embed_settings_ = false;  // embed mode: settings shown instead of the view
  bool present_ = false;
  bool present_settings_ = false;  // presenter mode: the settings column is open (S)
  bool reduced_motion_ = false;
  bool escape_owned_ = false;      // Escape is the app's, not ImGui's (own_scene_keys)
  float ui_scale_ = 1.0f;          // the scale the style was sized for
  std::string preset_shown_;       // presenter mode: the preset applied last, marked in its row
  float embed_height_ = 0;
  bool scene_changed_ = false;
  bool link_changed_ = false;
  bool png_requested_ = false;
  std::vector<std::string> stale_keys_;  // settings of scenes left behind
  std::string pending_link_;  // a view's open_link, applied on the next frame
  std::function<void()> open_full_view_;
  QuizHost quiz_host_;
  double sim_ms_ = 0;
  ImVec4 backdrop_{0, 0, 0, 1};
  TourHost tour_;
  TargetRects targets_;
  uint64_t tour_actions_ = 0;  // tour_.actions() last frame
  std::string shown_highlight_;  // the tour target outlined last frame
};

}  // namespace dsviz::ui
