// `make bench`: runs the core's benchmark natively and as wasm under Node in
// the same run, prints both JSON objects and the wasm/native ratio per figure.
// Fails when a run fails, lacks a key, or misses one of the loose floors in
// FLOORS (set well below the measured figures so a shared machine passes, and
// a 2x regression does not).
//   node tests/bench-compare.mjs [build/native/dsviz-cli] [build/web/dsviz-cli.js]
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const [nativeCli = 'build/native/dsviz-cli', wasmCli = 'build/web/dsviz-cli.js'] = process.argv.slice(2);
const KEYS = [
  'events_per_s_pending_100',
  'events_per_s_pending_10000',
  'events_per_s_pending_1000000',
  'model_1000_nodes_virtual_s_per_wall_s',
  'sim_loop_events_per_s',
];
// Loose floors. Measured on the 2-core machine (README, Performance): heap
// hold at 10,000 pending ~11-12 M/s native, the whole simulator loop on the
// mesh model ~3.5 M/s native under load, wasm 0.7-1.1x native.
const FLOORS = [
  { what: 'native event loop (heap hold, 10,000 pending) >= 2 M events/s', ok: (n) => n.events_per_s_pending_10000 >= 2e6 },
  { what: 'native whole simulator loop (mesh model) >= 0.5 M events/s', ok: (n) => n.sim_loop_events_per_s >= 5e5 },
  ...KEYS.map((k) => ({ what: `wasm/native >= 0.4 for ${k}`, ok: (n, w) => w[k] >= 0.4 * n[k] })),
];

function run(label, cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  let out;
  try {
    out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  } catch (e) {
    console.error(`bench: ${label} run failed (exit ${e.status})`);
    process.exit(1);
  }
  const text = out.trim();
  console.log(text);
  console.log(`(${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s wall)\n`);
  try {
    return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
  } catch {
    console.error(`bench: ${label} did not print one JSON object`);
    process.exit(1);
  }
}

// Node 20 and emcc 3.1.6 glue disagree over fetch (TOOLCHAIN.md); the CLI is
// linked with -sWASM_ASYNC_COMPILATION=0, and this flag makes it doubly safe.
const native = run('native', nativeCli, ['bench', '--json']);
const wasm = run('wasm', process.execPath, ['--no-experimental-fetch', wasmCli, 'bench', '--json']);

const fmt = (v) => (typeof v === 'number' ? (v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4)) : 'missing');
const rows = [['figure', 'native', 'wasm', 'wasm/native']];
let missing = 0;
for (const k of KEYS) {
  const n = native[k], w = wasm[k];
  if (typeof n !== 'number' || typeof w !== 'number') missing++;
  rows.push([k, fmt(n), fmt(w), typeof n === 'number' && typeof w === 'number' && n > 0 ? `${(w / n).toFixed(2)}x` : '-']);
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`bench on ${os.cpus().length} cores (${os.cpus()[0]?.model || 'unknown cpu'}), node ${process.version}`);
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  '));
if (missing) {
  console.error(`bench: ${missing} figure(s) missing from the JSON (expected keys: ${KEYS.join(', ')})`);
  process.exit(1);
}
const below = FLOORS.filter((f) => !f.ok(native, wasm));
for (const f of FLOORS) console.log(`${below.includes(f) ? 'FAIL' : 'ok  '} ${f.what}`);
if (below.length) {
  console.error(`bench: ${below.length} figure(s) below their floor (on a busy machine, rerun on a quiet one first)`);
  process.exit(1);
}
