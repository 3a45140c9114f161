// libFuzzer target for the runs deep links describe (core/link): the model
// a parsed link describes builds and runs (a bounded number of events,
// inputs applied at their moments); formatting that run and parsing it
// again gives the same link. A model costs far more than a parse, so
// tests/fuzz/run.sh gives this fuzzer (every *_run_fuzz) a time cap instead
// of 10 M executions; link_fuzz covers the parser alone at full count.
// Seed corpus: tests/fuzz/corpus/link_run/ (the same seeds as link/).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "link.h"

using namespace dsviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  const Link l = parse_link(query);
  if (l.notices.lines().size() > Notices::kMaxShown + 1) std::abort();
  auto m = make_linked_model(l);
  if (!m) return 0;
  if (m->input_log().size() != l.inputs.size()) std::abort();
  // Round trip: the address of this run reads back as the same run.
  const LinkText t = format_link(l.scene, *m);
  if (!t.inputs_dropped) {
    const Link back = parse_link(t.query);
    if (!back.notices.empty() || back.inputs.size() != l.inputs.size() || back.seed != l.seed) std::abort();
    for (size_t i = 0; i < l.inputs.size(); ++i) {
      const Model::Input &a = l.inputs[i], &b = back.inputs[i];
      if (a.at != b.at || a.kind != b.kind || a.arg != b.arg || a.value != b.value || a.events != b.events) std::abort();
    }
  }
  // Run through the inputs, bounded: crafted times and event counts must
  // not break the model. 2,000 events reach the inputs of the first virtual
  // second or so of the busiest scenes (seeds put theirs there).
  const Time end = l.inputs.empty() ? Time(1) * kSec : l.inputs.back().at + 1;
  m->run_for_events(end, 2000);
  if (m->now() > end) std::abort();
  return 0;
}
