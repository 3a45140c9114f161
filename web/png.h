// A minimal PNG writer for screenshots: RGBA8, stored (uncompressed) deflate
// blocks, CRC32 and Adler-32 computed here. No dependency; files are big but
// every viewer reads them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dsviz::ui {

// `rgba` holds height rows of width*4 bytes, top row first.
std::vector<uint8_t> encode_png(const uint8_t* rgba, int width, int height);
// Writes the file; false with `error` naming the path on failure.
bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, std::string& error);

}  // namespace dsviz::ui
