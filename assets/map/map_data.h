// The world map asset (Natural Earth 1:110m land, format in make-map.mjs),
// embedded at build time by assets/CMakeLists.txt (library dsviz_map_data).
// Decode it with dsviz::decode_world_map(dsviz_world_land_110m,
// dsviz_world_land_110m_size, ...) from core/worldmap.h.
#pragma once
#include <cstddef>

extern const unsigned char dsviz_world_land_110m[];
extern const size_t dsviz_world_land_110m_size;
