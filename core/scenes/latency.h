// Scene "latency": the chapter's "Latency (Geographic Distribution)". A user
// somewhere on Earth pings the nearest live datacenter; each round trip is
// drawn from the model in core/geo.h (light in fiber along cable routes,
// a path inflation factor and a fixed access/processing cost, with a band
// calibrated on measured cloud round trips). Move the user, add, remove or
// fail datacenters, and let the core place k of them to serve the world.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "geo.h"
#include "metrics.h"
#include "model.h"
#include "places.h"
#include "ring.h"
#include "scene.h"

namespace dsviz {

class LatencyModel : public Model {
 public:
  // Settings, in the order they are registered (typed handles for views).
  static constexpr SettingId kRate{0}, kInflation{1}, kFixedMs{2}, kRoutes{3}, kBudgetMs{4}, kPlaceK{5};
  LatencyModel();

  // The round-trip model with the current settings.
  RttModel rtt_model() const;

  // [SECTION] State ---------------------------------------------------------
  GeoPoint user() const { return user_; }
  enum class DcState : uint8_t { Up, Failed };
  struct Datacenter {
    int place;  // index in places()
    DcState state = DcState::Up;
    uint64_t answered = 0;  // requests it answered
    uint64_t lost = 0;      // packets that reached it failed or were cut when it left
  };
  // In the order they were added (the default: New York, London, Tokyo).
  const std::vector<Datacenter>& datacenters() const { return dcs_; }
  int datacenter_of(int place) const;  // index in datacenters(), -1 if none there
  // Where new requests go: the live datacenter with the lowest typical RTT
  // from the user (an index in datacenters()), -1 when none is up.
  int target() const { return target_; }
  // The model's figures from the user to a place / any point.
  RttEstimate rtt_to_place(int place) const;
  RttEstimate rtt_to(GeoPoint p) const { return estimate_rtt(rtt_model(), origin_, p); }
  // The route from the user to a point: corners, each leg a great-circle arc.
  std::vector<GeoPoint> route_to(GeoPoint p) const { return origin_.path_to(p); }

  // Packets in flight (a request to a datacenter or its reply), along the
  // route's legs at a constant speed: progress 0 at `sent`, 1 at `arrives`.
  struct Packet {
    uint64_t id;
    uint64_t request;
    int place;           // the datacenter's place
    bool reply;          // false: user -> datacenter; true: datacenter -> user
    Time sent, arrives;
    double rtt_ms;       // the round trip drawn for this request
    std::vector<GeoPoint> path;  // from the sender to the receiver
  };
  const std::vector<Packet>& packets() const { return packets_; }
  double progress(const Packet& p) const;   // 0..1 now
  GeoPoint position(const Packet& p) const; // where it is now, on its path

  // [SECTION] Views of the model ---------------------------------------------
  // The RTT table: datacenters (or every place), lowest typical RTT first.
  struct TableRow {
    int place;
    int datacenter;  // index in datacenters(), -1 for a place with none
    RttEstimate rtt;
  };
  std::vector<TableRow> rtt_table(bool every_place = false) const;
  // Typical RTT (ms) from the user to the centre of each cell of a
  // cols x rows lon/lat grid: row 0 at the north, column 0 at 180 W. A
  // budget contour is the cells <= budget_ms().
  std::vector<float> rtt_grid(int cols, int rows) const;
  double budget_ms() const { return param(kBudgetMs); }
  bool reachable(GeoPoint p) const { return rtt_to(p).typical_ms <= budget_ms(); }
  // Great-circle radius of the budget when nothing detours (reach_km()).
  double budget_radius_km() const { return reach_km(rtt_model(), budget_ms()); }
  // For the scatter of RTT against distance: the band when the route is the
  // great circle (the floor line is fiber_floor_rtt_ms(km)), and the FACTS.md
  // calibration pairs with the model's figures for them.
  void band_at_km(double km, double& low_ms, double& typical_ms, double& high_ms) const;
  struct CalibrationPoint {
    const CalibrationPair* pair;
    RttEstimate model;
    bool inside;  // the measured range lies inside [low, high]
  };
  std::vector<CalibrationPoint> calibration() const;
  // Answered pings, newest last, for a live scatter.
  struct Ping {
    Time t;
    int place;
    double distance_km, rtt_ms;
  };
  const Ring<Ping>& pings() const { return pings_; }
  // What the user waited per answered request (retries included), in ns.
  const Histogram& latency_histogram() const { return latency_; }

  // Replica placement over every city of places() (the users), choosing
  // among every place, for k = the place_k setting. Worked out when first
  // asked for after a change (it searches every combination: milliseconds),
  // so building or resetting the model stays cheap.
  const Placement& placement() const;
  const std::vector<int>& placement_users() const { return users_; }

  // Counters.
  uint64_t requests() const { return requests_; }
  uint64_t answered() const { return answered_; }
  uint64_t failed() const { return failed_; }      // gave up: no live datacenter, or out of tries
  uint64_t lost_packets() const { return lost_; }
  uint64_t failovers() const { return failovers_; }  // retries sent to another datacenter

  // [SECTION] Commands (logged, so scrubbing replays them) ------------------
  void move_user(double lat, double lon);  // lat -90..90, lon -180..180 (clamped), kept to 1e-6 degree
  void add_datacenter(int place);
  void remove_datacenter(int place);
  void fail_datacenter(int place);
  void restore_datacenter(int place);
  void use_placement();  // replace the datacenters with placement().sites
  void send_ping();      // one request now, besides the steady stream

  // Packs and unpacks move_user's argument: microdegrees as two int32.
  static uint64_t encode_point(double lat, double lon);
  static GeoPoint decode_point(uint64_t arg);

  void metrics(std::vector<Metric>& out) const override;
  std::string describe() const override;
  std::string check_invariants() const override;

 protected:
  void on_reset() override;
  void on_param_changed(size_t index) override;
  void on_event(const Event& e) override;
  void on_command(uint32_t kind, uint64_t arg) override;

 private:
  struct Request {
    Time start;
    int place;  // the datacenter it was sent to last
    int tries;
  };
  void refresh();  // origin, target, after the user, the datacenters or the model changed
  void refresh_placement();
  void schedule_next_arrival();
  void issue(uint64_t rid);
  void launch(uint64_t rid, int place, bool reply, double rtt_ms, Time one_way);
  void lose_packets_to(int place);

  GeoPoint user_{};
  RouteOrigin origin_{GeoPoint{}};
  std::vector<Datacenter> dcs_;
  int target_ = -1;
  std::vector<Packet> packets_;
  std::unordered_map<uint64_t, Request> reqs_;
  Rng arrivals_, jitter_;
  uint64_t next_request_ = 0, next_packet_ = 0;
  uint64_t requests_ = 0, answered_ = 0, failed_ = 0, lost_ = 0, failovers_ = 0;
  Histogram latency_;
  Ring<Ping> pings_{256};
  std::vector<int> users_, candidates_;
  // placement(), kept until the settings it depends on change.
  mutable Placement placement_;
  mutable bool placement_stale_ = true;
};

// The scene's record (core/scene.h).
const SceneInfo& latency_scene();

}  // namespace dsviz
