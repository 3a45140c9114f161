// Converts Natural Earth's 1:110m land (npm world-atlas 2.0.2, public domain
// data, ISC package) into dsviz's compact world map asset, at build time.
// CMake runs it (assets/CMakeLists.txt); the core decodes the result
// (core/worldmap.h) and the app embeds it, so nothing is fetched at run time.
//
//   node assets/map/make-map.mjs OUT.bin
//
// Format "DSVM" version 1, little-endian:
//   offset size  field
//   0      4     magic "DSVM"
//   4      1     version (1)
//   5      1     reserved (0)
//   6      2     units per degree, u16 (180: one unit is 1/180 degree, ~0.6 km)
//   8      4     ring count, u32
//   12     4     point count over all rings, u32
//   16     ...   the rings, one after the other:
//                  header: varint (points * 2 + hole), hole = 1 for a hole in
//                    the polygon before it, 0 for an outer ring
//                  points: zigzag varint dlon, zigzag varint dlat, each the
//                    change from the ring's previous point (the first point's
//                    from 0,0): the running sums are lon and lat in units,
//                    |lon| <= 180 * units, |lat| <= 90 * units (fits int16)
// Varints are LEB128 (7 bits a byte, low bits first, high bit = more);
// zigzag maps 0,-1,1,-2,... to 0,1,2,3,... Rings are kept as topojson-client's
// feature() gives them: closed (last point = first) and cut at the
// antimeridian, so a drawing must lift the pen where |dlon| > 180 degrees.
// The file must end right after the last ring.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node make-map.mjs OUT.bin");
  process.exit(2);
}
const UNITS = 180;

const topo = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/land-110m.json"), "utf8"));
const land = feature(topo, topo.objects.land);

const rings = [];  // {hole, points: [[lon, lat], ...]}
for (const f of land.features) {
  const g = f.geometry;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  for (const poly of polygons) poly.forEach((ring, i) => rings.push({ hole: i > 0, points: ring }));
}

const bytes = [];
const varint = (v) => {
  if (!Number.isInteger(v) || v < 0) throw new Error(`varint of ${v}`);
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
};
const zigzag = (v) => (v >= 0 ? 2 * v : -2 * v - 1);
const quant = (deg, limit) => {
  const q = Math.round(deg * UNITS);
  if (Math.abs(q) > limit * UNITS) throw new Error(`coordinate ${deg} out of range`);
  return q;
};

let points = 0;
for (const r of rings) {
  varint(r.points.length * 2 + (r.hole ? 1 : 0));
  let px = 0, py = 0;
  for (const [lon, lat] of r.points) {
    const x = quant(lon, 180), y = quant(lat, 90);
    varint(zigzag(x - px));
    varint(zigzag(y - py));
    px = x;
    py = y;
    ++points;
  }
}

const head = Buffer.alloc(16);
head.write("DSVM", 0, "ascii");
head.writeUInt8(1, 4);
head.writeUInt8(0, 5);
head.writeUInt16LE(UNITS, 6);
head.writeUInt32LE(rings.length, 8);
head.writeUInt32LE(points, 12);
const file = Buffer.concat([head, Buffer.from(bytes)]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, file);
console.log(`make-map: ${rings.length} rings, ${points} points, ${file.length} bytes -> ${out}`);
