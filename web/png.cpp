// PNG = signature + IHDR + IDAT (zlib stream of filtered rows) + IEND.
#include "png.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#ifdef DSVIZ_HAVE_ZLIB
#include <zlib.h>
#endif

namespace dsviz::ui {

static uint32_t crc32(const uint8_t* p, size_t n, uint32_t crc = 0) {
  static uint32_t table[256];
  if (table[1] == 0) {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
  }
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

static void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(v >> s));
}

static void chunk(std::vector<uint8_t>& out, const char type[4], const std::vector<uint8_t>& data) {
  put_be32(out, uint32_t(data.size()));
  size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  put_be32(out, crc32(out.data() + start, out.size() - start));
}

// zlib stream without compression: header 78 01, stored blocks of at most
// 65535 bytes, Adler-32. Valid everywhere, large.
static std::vector<uint8_t> store_uncompressed(const std::vector<uint8_t>& raw) {
  std::vector<uint8_t> z = {0x78, 0x01};
  size_t pos = 0;
  do {
    size_t n = raw.size() - pos < 65535 ? raw.size() - pos : 65535;
    bool last = pos + n == raw.size();
    z.push_back(last ? 1 : 0);
    z.push_back(uint8_t(n));
    z.push_back(uint8_t(n >> 8));
    z.push_back(uint8_t(~n));
    z.push_back(uint8_t(~n >> 8));
    z.insert(z.end(), raw.begin() + long(pos), raw.begin() + long(pos + n));
    pos += n;
  } while (pos < raw.size());
  uint32_t a = 1, b = 0;
  for (uint8_t c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  put_be32(z, (b << 16) | a);
  return z;
}

std::vector<uint8_t> encode_png(const uint8_t* rgba, int width, int height) {
  // Raw image data: each row is filter byte 0 ("none") then its pixels.
  size_t row = size_t(width) * 4;
  std::vector<uint8_t> raw;
  raw.reserve((row + 1) * size_t(height));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgba + row * size_t(y), rgba + row * size_t(y + 1));
  }

#ifdef DSVIZ_HAVE_ZLIB
  // The desktop has zlib: screenshots for slides shrink ~50x (flat UI colours).
  uLongf zn = compressBound(uLong(raw.size()));
  std::vector<uint8_t> z(zn);
  if (compress2(z.data(), &zn, raw.data(), uLong(raw.size()), 6) == Z_OK) {
    z.resize(zn);
  } else {
    z = store_uncompressed(raw);
  }
#else
  std::vector<uint8_t> z = store_uncompressed(raw);
#endif


  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> ihdr;
  put_be32(ihdr, uint32_t(width));
  put_be32(ihdr, uint32_t(height));
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // 8 bits, RGBA, deflate, no filter set, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", {});
  return png;
}

bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, std::string& error) {
  std::vector<uint8_t> png = encode_png(rgba, width, height);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(png.data(), 1, png.size(), f) == png.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) error = "cannot write " + path + ": disk full or I/O error";
  return ok;
}

}  // namespace dsviz::ui
