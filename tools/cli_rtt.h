// `dsviz-cli rtt --from A --to B [--json]`: the latency model of core/geo.h
// for one pair of points, each LAT,LON in degrees or a place of
// core/places.h by name ("Tokyo", "tyo"). Bad input: one line, exit 2.
#pragma once

namespace dsviz::cli {

// argv holds the arguments after "rtt".
int cmd_rtt(int argc, char** argv);

}  // namespace dsviz::cli
