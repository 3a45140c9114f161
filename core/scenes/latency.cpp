#include "latency.h"

#include "describe.h"

#include <algorithm>

#include "detmath.h"

namespace dsviz {
namespace {

// Event kinds.
constexpr uint32_t kArrival = 0;  // the next request of the steady stream; a = rate tag
constexpr uint32_t kPacket = 1;   // a packet reaches its end; a = packet id
constexpr uint32_t kTimeout = 2;  // a = request id, b = its try number
// Reader commands.
enum LatencyCommand : uint32_t { kCmdMove, kCmdAdd, kCmdRemove, kCmdFail, kCmdRestore, kCmdPlace, kCmdPing };
constexpr uint64_t kStreamArrivals = 1, kStreamJitter = 2;
constexpr uint64_t kCommandHash = 0x1a7e0000ULL;
constexpr int kMaxTries = 3;
constexpr Time kMinTimeout = 20 * kMs;
// The chapter's datacenters, and its user's city.
constexpr const char* kDefaultUser = "New York";
constexpr const char* kDefaultDatacenters[] = {"New York", "London", "Tokyo"};

uint64_t rate_tag(double rate) { return uint64_t(rate * 1e6); }

// A round trip drawn from the band: triangular with its mode at the typical
// value, so most pings land near it and a few reach either edge.
double draw_rtt_ms(Rng& rng, const RttEstimate& e) {
  const double a = e.low_ms, c = e.typical_ms, b = e.high_ms;
  if (b <= a) return c;
  const double u = rng.uniform01();
  const double cut = (c - a) / (b - a);
  return u < cut ? a + dm::sqrt(u * (b - a) * (c - a)) : b - dm::sqrt((1 - u) * (b - a) * (b - c));
}

double path_km(const std::vector<GeoPoint>& path) {
  double km = 0;
  for (size_t i = 1; i < path.size(); ++i) km += great_circle_km(path[i - 1].lat, path[i - 1].lon, path[i].lat, path[i].lon);
  return km;
}

}  // namespace

LatencyModel::LatencyModel() {
  add_param(kRate, labelled({"rate", 0, 200, 20, "req/s", "Requests the user sends per second (Poisson)"}, "Request rate"));
  add_param(kInflation, labelled({"inflation", 1, 3, 1.25, "x",
                                  "Typical fiber path length over the modelled route (cables follow coasts, backbones follow roads)"},
                                 "Path inflation"));
  add_param(kFixedMs, labelled({"fixed_ms", 0, 50, 9, "ms", "Access network, switching and server time, paid once per round trip"},
                               "Fixed cost"));
  add_param(kRoutes, labelled({"routes", 0, 1, 1, "", "On, paths between regions follow submarine cables; off, straight great circles", true},
                              "Cable routes"));
  add_param(kBudgetMs, labelled({"budget_ms", 10, 300, 50, "ms", "Round-trip budget of the reachability contour"}, "RTT budget"));
  add_param(kPlaceK, labelled({"place_k", 1, 8, 3, "datacenters", "How many datacenters the placement chooses for the world's cities", true},
                              "Datacenters to place"));
  for (int i = 0; i < int(places().size()); ++i) {
    candidates_.push_back(i);
    if (places()[i].kind == PlaceKind::City) users_.push_back(i);
  }
}

RttModel LatencyModel::rtt_model() const {
  RttModel m;
  m.inflation = param(kInflation);
  m.fixed_ms = param(kFixedMs);
  m.routes = param(kRoutes) >= 0.5;
  return m;
}

int LatencyModel::datacenter_of(int place) const {
  for (size_t i = 0; i < dcs_.size(); ++i)
    if (dcs_[i].place == place) return int(i);
  return -1;
}

RttEstimate LatencyModel::rtt_to_place(int place) const {
  const Place& p = places()[place];
  return rtt_to({p.lat, p.lon});
}

void LatencyModel::on_reset() {
  const Place& u = places()[find_place(kDefaultUser)];
  user_ = {u.lat, u.lon};
  dcs_.clear();
  for (const char* name : kDefaultDatacenters) dcs_.push_back(Datacenter{find_place(name)});
  packets_.clear();
  reqs_.clear();
  arrivals_ = sim_.stream(kStreamArrivals);
  jitter_ = sim_.stream(kStreamJitter);
  next_request_ = next_packet_ = 0;
  requests_ = answered_ = failed_ = lost_ = failovers_ = 0;
  latency_.clear();
  pings_.clear();
  refresh();
  refresh_placement();
  schedule_next_arrival();
}

void LatencyModel::on_param_changed(size_t i) {
  // Everything applies live: the run goes on with the new model.
  if (i == kRate) schedule_next_arrival();
  if (i == kInflation || i == kFixedMs || i == kRoutes) {
    refresh();
    refresh_placement();
  }
  if (i == kPlaceK) refresh_placement();
}

void LatencyModel::refresh() {
  origin_ = RouteOrigin(user_, param(kRoutes) >= 0.5);
  target_ = -1;
  double best = 0;
  for (size_t i = 0; i < dcs_.size(); ++i) {
    if (dcs_[i].state != DcState::Up) continue;
    const double t = rtt_to_place(dcs_[i].place).typical_ms;
    if (target_ < 0 || t < best) target_ = int(i), best = t;
  }
}

void LatencyModel::refresh_placement() { placement_stale_ = true; }

const Placement& LatencyModel::placement() const {
  if (placement_stale_) {
    placement_ = place_datacenters(rtt_model(), users_, candidates_, int(param(kPlaceK)));
    placement_stale_ = false;
  }
  return placement_;
}

void LatencyModel::schedule_next_arrival() {
  // One pending arrival at a time; it carries the rate it was drawn for, so
  // a rate change makes the old one stale (see kArrival).
  const double rate = param(kRate);
  if (rate <= 0) return;
  const Time gap = from_s(arrivals_.exponential(1.0 / rate));
  sim_.after(gap < 1 ? 1 : gap, Event{kArrival, 0, rate_tag(rate), 0});
}

void LatencyModel::issue(uint64_t rid) {
  auto it = reqs_.find(rid);
  if (it == reqs_.end()) return;
  Request& r = it->second;
  if (target_ < 0) {  // nowhere to send it
    ++failed_;
    reqs_.erase(it);
    return;
  }
  const int place = dcs_[target_].place;
  if (r.tries > 0 && place != r.place) ++failovers_;
  r.place = place;
  ++r.tries;
  const RttEstimate e = rtt_to_place(place);
  const double rtt_ms = draw_rtt_ms(jitter_, e);
  sim_.require(rtt_ms >= e.low_ms - 1e-9 && rtt_ms <= e.high_ms + 1e-9, "latency: a drawn round trip lies inside the model's band");
  launch(rid, place, false, rtt_ms, from_ms(rtt_ms / 2));
  // Every draw is at most the band's top, so only a lost packet times out.
  Time timeout = from_ms(2 * e.high_ms);
  if (timeout < kMinTimeout) timeout = kMinTimeout;
  sim_.after(timeout, Event{kTimeout, 0, rid, uint64_t(r.tries)});
}

void LatencyModel::launch(uint64_t rid, int place, bool reply, double rtt_ms, Time one_way) {
  const Place& p = places()[place];
  Packet k{next_packet_++, rid, place, reply, sim_.now(), sim_.now() + (one_way < 1 ? 1 : one_way), rtt_ms, {}};
  // The path is the route user -> datacenter (reversed for a reply), so
  // both ways draw the same line.
  k.path = origin_.path_to({p.lat, p.lon});
  if (reply) std::reverse(k.path.begin(), k.path.end());
  sim_.at(k.arrives, Event{kPacket, uint32_t(place), k.id, rid});
  packets_.push_back(std::move(k));
}

double LatencyModel::progress(const Packet& p) const {
  if (p.arrives <= p.sent) return 1;
  const double f = double(sim_.now() - p.sent) / double(p.arrives - p.sent);
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

GeoPoint LatencyModel::position(const Packet& p) const {
  const double total = path_km(p.path);
  if (p.path.size() < 2 || total <= 0) return p.path.empty() ? user_ : p.path.front();
  double want = progress(p) * total;
  for (size_t i = 1; i < p.path.size(); ++i) {
    const double leg = great_circle_km(p.path[i - 1].lat, p.path[i - 1].lon, p.path[i].lat, p.path[i].lon);
    if (want <= leg || i + 1 == p.path.size()) return great_circle_point(p.path[i - 1], p.path[i], leg > 0 ? std::min(1.0, want / leg) : 1.0);
    want -= leg;
  }
  return p.path.back();
}

void LatencyModel::on_event(const Event& e) {
  switch (e.kind) {
    case kArrival: {
      if (e.a != rate_tag(param(kRate))) return;  // drawn for an old rate
      const uint64_t rid = next_request_++;
      ++requests_;
      reqs_[rid] = Request{sim_.now(), -1, 0};
      issue(rid);
      schedule_next_arrival();
      return;
    }
    case kPacket: {
      auto pk = std::find_if(packets_.begin(), packets_.end(), [&](const Packet& p) { return p.id == e.a; });
      if (pk == packets_.end()) {
        sim_.require(false, "latency: every packet event has its packet");
        return;
      }
      const Packet p = *pk;
      packets_.erase(pk);
      if (!p.reply) {
        const int dc = datacenter_of(p.place);
        if (dc < 0 || dcs_[dc].state != DcState::Up) {  // failed or gone: the request is lost
          ++lost_;
          if (dc >= 0) ++dcs_[dc].lost;
          sim_.hash_in(kCommandHash + 0xff00 + p.id);
          return;
        }
        if (!reqs_.count(p.request)) return;  // answered meanwhile by an earlier try
        ++dcs_[dc].answered;
        launch(p.request, p.place, true, p.rtt_ms, from_ms(p.rtt_ms / 2));
        return;
      }
      auto it = reqs_.find(p.request);
      if (it == reqs_.end()) return;  // an earlier try's reply already answered it
      ++answered_;
      const Time round_trip = 2 * (p.arrives - p.sent);  // both ways take half the drawn round trip
      latency_.add(sim_.now() - it->second.start);
      const Place& dc = places()[p.place];
      pings_.push(Ping{sim_.now(), p.place, great_circle_km(p.path.back().lat, p.path.back().lon, dc.lat, dc.lon), to_ms(round_trip)});
      reqs_.erase(it);
      return;
    }
    case kTimeout: {
      auto it = reqs_.find(e.a);
      if (it == reqs_.end() || uint64_t(it->second.tries) != e.b) return;  // answered, or already retried
      if (it->second.tries >= kMaxTries) {
        ++failed_;
        reqs_.erase(it);
        return;
      }
      issue(e.a);  // to whichever live datacenter is nearest now
      return;
    }
  }
  sim_.require(false, "latency: event kinds are known");
}

// Reader commands go through Model::command so scrubbing can replay them.
uint64_t LatencyModel::encode_point(double lat, double lon) {
  lat = std::clamp(lat, -90.0, 90.0);
  lon = std::clamp(lon, -180.0, 180.0);
  const int32_t la = int32_t(lat * 1e6 + (lat >= 0 ? 0.5 : -0.5));
  const int32_t lo = int32_t(lon * 1e6 + (lon >= 0 ? 0.5 : -0.5));
  return (uint64_t(uint32_t(la)) << 32) | uint64_t(uint32_t(lo));
}
GeoPoint LatencyModel::decode_point(uint64_t arg) {
  return {double(int32_t(uint32_t(arg >> 32))) / 1e6, double(int32_t(uint32_t(arg))) / 1e6};
}
void LatencyModel::move_user(double lat, double lon) { command(kCmdMove, encode_point(lat, lon)); }
void LatencyModel::add_datacenter(int place) { command(kCmdAdd, uint64_t(place)); }
void LatencyModel::remove_datacenter(int place) { command(kCmdRemove, uint64_t(place)); }
void LatencyModel::fail_datacenter(int place) { command(kCmdFail, uint64_t(place)); }
void LatencyModel::restore_datacenter(int place) { command(kCmdRestore, uint64_t(place)); }
void LatencyModel::use_placement() { command(kCmdPlace); }
void LatencyModel::send_ping() { command(kCmdPing); }

void LatencyModel::on_command(uint32_t kind, uint64_t arg) {
  const bool is_place = arg < places().size();
  const int place = is_place ? int(arg) : -1;
  const int dc = is_place ? datacenter_of(place) : -1;
  switch (kind) {
    case kCmdMove: {
      const GeoPoint p = decode_point(arg);
      if (p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) return;
      user_ = p;
      break;
    }
    case kCmdAdd:
      if (!is_place || dc >= 0) return;
      dcs_.push_back(Datacenter{place});
      break;
    case kCmdRemove:
      if (dc < 0) return;
      dcs_.erase(dcs_.begin() + dc);
      break;
    case kCmdFail:
    case kCmdRestore:
      if (dc < 0) return;
      dcs_[dc].state = kind == kCmdFail ? DcState::Failed : DcState::Up;
      break;
    case kCmdPlace: {
      std::vector<Datacenter> next;
      for (int s : placement().sites) {
        const int have = datacenter_of(s);
        next.push_back(have >= 0 ? dcs_[have] : Datacenter{s});
        next.back().state = DcState::Up;
      }
      dcs_ = std::move(next);
      break;
    }
    case kCmdPing: {
      const uint64_t rid = next_request_++;
      ++requests_;
      reqs_[rid] = Request{sim_.now(), -1, 0};
      issue(rid);
      break;
    }
    default:
      return;
  }
  sim_.hash_in(kCommandHash + (uint64_t(kind) << 8) + arg);
  refresh();
}

std::vector<LatencyModel::TableRow> LatencyModel::rtt_table(bool every_place) const {
  std::vector<TableRow> rows;
  if (every_place) {
    for (int i = 0; i < int(places().size()); ++i) rows.push_back({i, datacenter_of(i), rtt_to_place(i)});
  } else {
    for (int i = 0; i < int(dcs_.size()); ++i) rows.push_back({dcs_[i].place, i, rtt_to_place(dcs_[i].place)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TableRow& a, const TableRow& b) { return a.rtt.typical_ms < b.rtt.typical_ms; });
  return rows;
}

std::vector<float> LatencyModel::rtt_grid(int cols, int rows) const {
  std::vector<float> out;
  if (cols <= 0 || rows <= 0) return out;
  out.reserve(size_t(cols) * size_t(rows));
  const RttModel m = rtt_model();
  for (int r = 0; r < rows; ++r) {
    const double lat = 90 - (r + 0.5) * 180.0 / rows;
    for (int c = 0; c < cols; ++c) {
      const double lon = -180 + (c + 0.5) * 360.0 / cols;
      out.push_back(float(estimate_rtt(m, origin_, {lat, lon}).typical_ms));
    }
  }
  return out;
}

void LatencyModel::band_at_km(double km, double& low_ms, double& typical_ms, double& high_ms) const {
  const RttModel m = rtt_model();
  const double floor = fiber_floor_rtt_ms(km);
  typical_ms = m.inflation * floor + m.fixed_ms;
  rtt_band(m, floor, floor, typical_ms, low_ms, high_ms);
}

std::vector<LatencyModel::CalibrationPoint> LatencyModel::calibration() const {
  std::vector<CalibrationPoint> out;
  const RttModel m = rtt_model();
  const auto& pl = places();
  for (const CalibrationPair& c : calibration_pairs()) {
    const RttEstimate e = estimate_rtt(m, {pl[c.a].lat, pl[c.a].lon}, {pl[c.b].lat, pl[c.b].lon});
    out.push_back({&c, e, e.low_ms <= c.measured_low_ms && c.measured_high_ms <= e.high_ms});
  }
  return out;
}

void LatencyModel::metrics(std::vector<Metric>& out) const {
  out.push_back({"rtt_typical_ms_nyc", rtt_to_place(find_place("New York")).typical_ms});
  out.push_back({"rtt_typical_ms_london", rtt_to_place(find_place("London")).typical_ms});
  out.push_back({"rtt_typical_ms_tokyo", rtt_to_place(find_place("Tokyo")).typical_ms});
  out.push_back({"rtt_floor_ms_london", rtt_to_place(find_place("London")).floor_ms});
  out.push_back({"rtt_floor_ms_tokyo", rtt_to_place(find_place("Tokyo")).floor_ms});
  int live = 0;
  for (const auto& d : dcs_) live += d.state == DcState::Up;
  out.push_back({"datacenters", double(dcs_.size())});
  out.push_back({"datacenters_live", double(live)});
  out.push_back({"target_rtt_typical_ms", target_ >= 0 ? rtt_to_place(dcs_[target_].place).typical_ms : 0.0});
  out.push_back({"requests_sent", double(requests_)});
  out.push_back({"requests_answered", double(answered_)});
  out.push_back({"requests_failed", double(failed_)});
  out.push_back({"packets_lost", double(lost_)});
  out.push_back({"failovers", double(failovers_)});
  out.push_back({"latency_mean_ms", to_ms(Time(latency_.mean()))});
  out.push_back({"latency_p50_ms", to_ms(Time(latency_.quantile(0.5)))});
  out.push_back({"latency_p99_ms", to_ms(Time(latency_.quantile(0.99)))});
  out.push_back({"budget_radius_km", budget_radius_km()});
  size_t inside = 0;
  const auto cal = calibration();
  for (const auto& c : cal) inside += c.inside;
  out.push_back({"calibration_inside_pct", cal.empty() ? 0.0 : 100.0 * double(inside) / double(cal.size())});
  out.push_back({"placement_k", double(placement().sites.size())});
  out.push_back({"placement_worst_ms", placement().worst_ms});
}

std::string LatencyModel::check_invariants() const {
  std::string v = Model::check_invariants();
  if (!v.empty()) return v;
  if (requests_ != answered_ + failed_ + reqs_.size()) return "invariant: requests sent = answered + failed + in progress";
  for (const Packet& p : packets_) {
    if (p.sent > sim_.now() || p.arrives < sim_.now()) return "invariant: a packet in flight was sent and has not arrived";
    if (p.path.size() < 2) return "invariant: a packet's path has two ends";
  }
  for (size_t i = 0; i < dcs_.size(); ++i)
    for (size_t j = i + 1; j < dcs_.size(); ++j)
      if (dcs_[i].place == dcs_[j].place) return "invariant: one datacenter per place";
  if (target_ >= 0) {
    if (dcs_[target_].state != DcState::Up) return "invariant: requests go to a live datacenter";
    const double t = rtt_to_place(dcs_[target_].place).typical_ms;
    for (const auto& d : dcs_)
      if (d.state == DcState::Up && rtt_to_place(d.place).typical_ms < t) return "invariant: requests go to the nearest live datacenter";
  } else {
    for (const auto& d : dcs_)
      if (d.state == DcState::Up) return "invariant: no target only when no datacenter is up";
  }
  if (int(placement().sites.size()) != std::min(int(param(kPlaceK)), int(candidates_.size())))
    return "invariant: the placement has k sites";
  return "";
}

std::string LatencyModel::describe() const {
  // The user by the nearest named place, as the map labels it.
  int near = 0;
  double near_km = 0;
  for (size_t i = 0; i < places().size(); ++i) {
    const double km = great_circle_km(user_.lat, user_.lon, places()[i].lat, places()[i].lon);
    if (i == 0 || km < near_km) near = int(i), near_km = km;
  }
  std::string s = near_km < 100 ? say("The user is in %s", places()[size_t(near)].name)
                                : say("The user is %.0f km from %s", near_km, places()[size_t(near)].name);
  size_t live = 0;
  for (const Datacenter& d : dcs_) live += d.state == DcState::Up ? 1 : 0;
  s += "; " + count_of(dcs_.size(), "datacenter", "datacenters") + say(", %zu up", live);
  if (target_ >= 0) {
    const int place = dcs_[size_t(target_)].place;
    s += say("; requests go to %s, a typical round trip of ", places()[size_t(place)].name) +
         spoken_ms(rtt_to_place(place).typical_ms);
  } else {
    s += "; no datacenter is up, so requests fail";
  }
  std::string others;
  for (size_t i = 0; i < dcs_.size(); ++i) {
    if (int(i) == target_) continue;
    const Place& p = places()[size_t(dcs_[i].place)];
    others += std::string(others.empty() ? "" : ", ") + p.name + " " +
              (dcs_[i].state == DcState::Up ? spoken_ms(rtt_to_place(dcs_[i].place).typical_ms) : std::string("failed"));
  }
  if (!others.empty()) s += "; the others: " + others;
  s += "; a " + spoken_ms(budget_ms()) + " budget reaches " + spoken_count(uint64_t(budget_radius_km() + 0.5)) + " km";
  s += "; " + count_of(requests_, "request", "requests") + " sent, " + count_of(answered_, "answered", "answered") +
       ", " + count_of(failed_, "failed", "failed");
  if (failovers_) s += ", " + count_of(failovers_, "failover", "failovers");
  return s + ".";
}

const SceneInfo& latency_scene() {
  static const SceneInfo info = {
      "latency", "Latency map", "Latency (Geographic Distribution)",
      "Round trip = inflation x 2 x route km / 204,000 km/s + fixed: light in fiber along cable routes, plus access and servers.\n"
      "Requests go to the nearest live datacenter; fail it and they fail over to the next, farther one.",
      {"From New York: about 10 ms to the New York datacenter, 77 to London, 155 to Tokyo.",
       "Fail New York: requests on their way are lost and retried; new ones fail over to London at about 77 ms.",
       "Drag the user to Sydney: every datacenter is now more than 100 ms away.",
       "Turn off cable routes: Frankfurt-Tokyo falls from about 218 ms to 123, far below the measured 230.",
       "Place 3 datacenters: the core picks New York, Mumbai and Sydney; no city then waits over ~120 ms (144 with the chapter's three).",
       "Set the budget to 20 ms: only about 900 km around the user is reachable."},
      1 * kMin,
      // At 0.05x a 150 ms round trip takes 3 s on screen, and the default
      // 20 requests/s send about one a second.
      0.05f, &make_model<LatencyModel>,
      {
       {"From New York, cable routes", "routes=1"},
       {"Straight great circles", "routes=0"},
       {"Light in fiber only", "inflation=1&fixed_ms=0"},
       {"A 20 ms budget", "budget_ms=20"},
       {"Five datacenters to place", "place_k=5"}}};
  return info;
}

}  // namespace dsviz
