// Deterministic elementary functions. glibc's libm and Emscripten's musl
// libm may differ in the last bit; a model that rounds such a result to
// nanoseconds would then replay differently in the browser. These use only
// IEEE-exact + - * / and sqrt, so every build gets the same bits.
#pragma once

namespace dsviz::dm {

constexpr double kPi = 3.14159265358979323846;

double log(double x);    // natural log, x > 0
double exp(double x);    // saturates to 0 / huge outside about +-700
double pow(double x, double y);  // x > 0
double sin(double x);
double cos(double x);
double atan(double x);
double atan2(double y, double x);
double sqrt(double x);   // IEEE sqrt is exact in every build
inline double deg2rad(double d) { return d * (kPi / 180.0); }

}  // namespace dsviz::dm
