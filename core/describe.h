// Helpers for Model::describe(): the sentences a screen reader speaks for a
// scene. printf into a string, counts with their noun, milliseconds.
#pragma once
#include <cstdint>
#include <string>

#include "vtime.h"

namespace dsviz {

// printf into a std::string (at most 511 characters).
std::string say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
// "1,200": a count with thousands separators.
std::string spoken_count(uint64_t n);
// "$12,658": whole dollars.
std::string spoken_usd(double usd);
// "1 server", "4 servers", "1,200 requests": a count with its noun.
std::string count_of(uint64_t n, const char* one, const char* many);
// "72 ms", "1.5 ms", "1.23 s": a duration for speech, unit included.
std::string spoken_ms(double ms);
// "99.95%" with as many decimals as the value needs (up to 4); "over
// 99.9999%" when even 4 decimals would round it to 100.
std::string spoken_pct(double fraction);

}  // namespace dsviz
