// `dsviz-cli tour check FILE... [--json]`: validates guided tours
// (core/tour/tour.h): per file its scene and steps; every problem as
// FILE:LINE: message on stderr; exit 0 when all are valid, else 2.
#pragma once

namespace dsviz::cli {

// argv holds the arguments after "tour".
int cmd_tour(int argc, char** argv);

}  // namespace dsviz::cli
