// Startup, frame rate, idle and heap of the page in build/web, in Debian's
// headless Chromium (SwiftShader: software WebGL2, as on machines without a
// GPU), side by side with the official Dear ImGui SDL2/OpenGL3 example
// (tests/bench/build-imgui-example.sh) when --example names its build: the
// browser half of `make bench` (issue 14). Per scene, and for the example:
//   ready      ms from navigation to the third frame on screen (the page's
//              own performance.now() at its "dsviz-ready" event), median of
//              --loads page loads (example and first scene alternate, so a
//              busy machine slows both alike; other scenes --scene-loads)
//   fps        frames drawn per second while running, at 1280x800 and
//              1920x1080 (the viewport resized; the canvas follows it)
//   p50/p99    frame interval ms while running at 1280x800, from
//              requestAnimationFrame timestamps (both pages draw one frame
//              per animation frame while running)
//   paused     frames drawn per second paused with no input (0 expected;
//              a mouse move must wake it)
//   heap       malloc'd MiB at 1280x800, and after window.dsviz.runTo(600)
//              (10 virtual minutes as fast as the page runs; target 64 MiB)
//   stress     fps at 1280x800 with a heavy setting of the scene (STRESS)
// with the ratios to the example and the targets (startup <= 1.2x, fps >= 90 %
// of the example's, stress > 30 fps). Not a timed test: it fails only when a
// page does not start, a setting is refused, or a paused page keeps drawing.
//   node tests/browser/perf.mjs [--example DIR] [--loads N] [--scene-loads N]
//                               [--seconds S] [--json] [--profile] [scene ...]
// Scenes: default every scene the page lists (window.dsviz.scenes(), the
// same registry as `dsviz-cli list`). --json: one JSON line per page too.
// --profile: instead, where the start-up's time goes for the example and the
// first scene: the steps' times (median of --loads loads) and a sampled CPU
// profile of one load each (self time per function, wasm named).
// Environment: DSVIZ_WEB (default build/web), CHROMIUM (default
// /usr/bin/chromium). Figures are from software GL on whatever machine runs
// it: compare within one run (note the machine's load beside them).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import { startServer } from './serve.mjs';

const WEB = process.env.DSVIZ_WEB || 'build/web';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  // Keep rAF running at full rate in a page nobody looks at.
  '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
];
const SMALL = { width: 1280, height: 800 }, LARGE = { width: 1920, height: 1080 };
const MiB = 1024 * 1024;
const TARGET = { startup: 1.2, fps: 0.9, stress: 30, heapMiB: 64 };

// A heavy but valid setting per scene (every key within its range, see
// `dsviz-cli list`): the most nodes, the highest rates, failures often.
const STRESS = {
  unity: 'nodes=32&rate=100&peer_call_pct=100&jitter_ms=200',
  concurrency: 'mode=1&think_ms=0&stagger_ms=0&user_ms=0.1&ab_ms=0.1&ac_ms=0.1',
  clocks: 'nodes=8&rate=50&lamport=1&sync_period_s=1',
  failure: 'nodes=8&load_rps=2000&mtbf_min=1&mttr_min=0.1&shared_mtbf_h=0.1',
  availability: 'replicas=7&mtbf_min=1&mttr_min=0.1&correlated=1&rack_mtbf_min=1&database=1&db_mtbf_min=1',
  scaling: 'nodes=256&load_rps=10000&vertical_cores=448',
  latency: 'rate=200&place_k=8',
  replication: 'replicas=5&mode=2&read_policy=2&write_rps=500&read_rps=2000&crash_primary_at_s=5&restart_after_s=5',
  balancing: 'strategy=3&servers=64&balancers=8&load_pct=150&slow_servers=8&heavy_tail=1&server_mtbf_s=60',
  tradeoffs: 'users=1e8&regions=6&central_db=1',
  quiz: 'lang=1',
};

function options(argv) {
  const o = { example: null, loads: 7, sceneLoads: 3, seconds: 3, json: false, profile: false, scenes: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--example') o.example = v();
    else if (a === '--loads') o.loads = Number(v());
    else if (a === '--scene-loads') o.sceneLoads = Number(v());
    else if (a === '--seconds') o.seconds = Number(v());
    else if (a === '--json') o.json = true;
    else if (a === '--profile') o.profile = true;
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else if (a.startsWith('-')) die(`unknown option ${a} (see --help)`);
    else o.scenes.push(a);
  }
  for (const k of ['loads', 'sceneLoads']) if (!Number.isInteger(o[k]) || o[k] < 1) die(`--${k === 'loads' ? 'loads' : 'scene-loads'} takes a whole number >= 1`);
  if (!(o.seconds > 0)) die('--seconds takes a number > 0');
  if (o.example && !fs.existsSync(`${o.example}/index.html`)) die(`no ${o.example}/index.html: build it with tests/bench/build-imgui-example.sh`);
  if (!fs.existsSync(`${WEB}/index.html`)) die(`no ${WEB}/index.html: build the page first (make build-web)`);
  return o;
}
function die(msg) {
  console.error(`perf: ${msg}`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : NaN; };
const rank = (v, p) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };
const stats = (page) => page.evaluate(() => window.dsviz.stats());
const f1 = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
const f0 = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(0));
function printRows(rows) {
  const width = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  '));
}

// --profile: an init script that stamps the start-up's steps with the
// page's clock: the wasm's compile and instantiation (whichever of
// WebAssembly's compile and instantiate calls the page makes), main() (Emscripten's
// onRuntimeInitialized comes just before it; a microtask queued there runs
// when it has returned), and the first animation frames' start and end.
function STAMPS() {
  const T = (window.__stamps = { frames: [] });
  const now = () => performance.now();
  // compile/compileStreaming (dsviz's shell.js compiles while it makes the
  // GL context) or instantiate/instantiateStreaming (Emscripten's default).
  for (const k of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
    const f = WebAssembly[k];
    if (typeof f !== 'function') continue;
    WebAssembly[k] = function (...args) {
      if (T.compile_start === undefined) T.compile_start = now();
      const p = f.apply(this, args);
      p.then(() => {
        if (T.compiled === undefined) T.compiled = now();
        if (k.startsWith('instantiate') && T.instantiated === undefined) T.instantiated = now();
      }, () => {});
      return p;
    };
  }
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t = now();
    try { return cb(ts); } finally { if (T.frames.length < 6) T.frames.push([t, now()]); }
  });
  let M;
  Object.defineProperty(window, 'Module', {
    configurable: true, enumerable: true, get: () => M,
    set: (v) => {
      M = v;
      if (!v || v.__stamped) return;
      v.__stamped = true;
      const prev = v.onRuntimeInitialized;
      v.onRuntimeInitialized = function (...args) {
        T.main_start = now();
        queueMicrotask(() => { T.main_end = now(); });
        if (prev) return prev.apply(this, args);
      };
    },
  });
}

// The steps of one load, ms since navigation began.
async function steps(page) {
  return page.evaluate(() => {
    const T = window.__stamps, r = {};
    const res = performance.getEntriesByType('resource');
    const end = (suffix) => res.find((e) => new URL(e.name).pathname.endsWith(suffix))?.responseEnd;
    r['page script loaded (index.js)'] = end('index.js');
    r['wasm downloaded (index.wasm)'] = end('index.wasm');
    r['wasm compile starts'] = T.compile_start;
    r['wasm compiled'] = T.compiled;
    r['wasm instantiated'] = T.instantiated;
    r['main() starts'] = T.main_start;
    r['main() returns'] = T.main_end;
    T.frames.slice(0, 3).forEach(([a, b], i) => { r[`frame ${i + 1} starts`] = a; r[`frame ${i + 1} ends`] = b; });
    r['ready (third frame)'] = window.__readyMs;
    return r;
  });
}

// A sampled CPU profile (Chrome DevTools Protocol) of one load until it is
// ready; self time per function, wasm functions named from the link's
// symbol map (index.html.symbols) when the build has one.
async function cpuProfile(browser, url, dir, out) {
  let cdp;
  const l = await load(browser, url, {
    before: async (page) => {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    },
  });
  const { profile } = await cdp.send('Profiler.stop');
  await l.context.close();
  if (out) {
    fs.mkdirSync(out.replace(/[^/]*$/, ''), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(profile));
  }
  const names = new Map();
  const symbols = `${dir}/index.html.symbols`;
  if (fs.existsSync(symbols)) {
    for (const line of fs.readFileSync(symbols, 'utf8').split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) names.set(Number(line.slice(0, i)), line.slice(i + 1));
    }
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (f) => {
    const m = /^\$?func(\d+)$|^wasm-function\[(\d+)\]$/.exec(f.functionName);
    const name = m ? names.get(Number(m[1] ?? m[2])) ?? f.functionName : f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
    return (f.url.startsWith('wasm://') ? `wasm ${name}` : name).replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  };
  const self = new Map(), inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = nameOf(byId.get(id).callFrame);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) seen.add(nameOf(byId.get(n).callFrame));
    for (const k of seen) if (k.startsWith('wasm ')) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    total += dt;
  });
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { readyMs: l.readyMs, total, self: top(self, 14), inclusive: top(inclusive, 24) };
}

async function profileStartup(browser, pages, o) {
  const all = new Map(pages.map((p) => [p.name, []]));
  for (let i = 0; i < o.loads; i++) {
    for (const p of pages) {
      const l = await load(browser, p.url, { stamps: true });
      all.get(p.name).push(await steps(l.page));
      await l.context.close();
    }
  }
  console.log(`\nstart-up steps, ms since navigation began (median of ${o.loads} loads each; load ${os.loadavg()[0].toFixed(2)})`);
  const keys = Object.keys(all.get(pages[0].name)[0]);
  const rows = [['step', ...pages.map((p) => p.name)]];
  for (const k of keys) rows.push([k, ...pages.map((p) => f0(median(all.get(p.name).map((r) => r[k]).filter((v) => v !== undefined))))]);
  printRows(rows);
  for (const p of pages) {
    const file = `build/bench/${p.name}.cpuprofile`;
    const prof = await cpuProfile(browser, p.url, p.dir, file);
    console.log(`\nCPU profile of one load of ${p.name} until ready (${f0(prof.readyMs)} ms; ${f0(prof.total)} ms sampled on the page's thread; ` +
      `${file} opens in Chromium's DevTools, Performance), self time:`);
    for (const [name, ms] of prof.self) console.log(`  ${f1(ms).padStart(7)} ms  ${name.slice(0, 110)}`);
    console.log('  wasm functions, time with what they call:');
    for (const [name, ms] of prof.inclusive) console.log(`  ${f1(ms).padStart(7)} ms  ${name.slice(0, 110)}`);
  }
}

// Opens url in a fresh context (nothing cached) and waits for the page's
// ready event; resolves to { context, page, readyMs }.
async function load(browser, url, { viewport = SMALL, stamps = false, before = null } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message || e)));
  await page.addInitScript(() => {
    window.addEventListener('dsviz-ready', () => { window.__readyMs = performance.now(); }, { once: true });
  });
  if (stamps) await page.addInitScript(STAMPS);
  if (before) await before(page);
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__readyMs !== undefined, null, { timeout: 90000, polling: 20 });
  } catch {
    throw new Error(`${url} was not ready within 90 s${errors.length ? `: ${errors.join('; ')}` : ''}`);
  }
  return { context, page, readyMs: await page.evaluate(() => window.__readyMs) };
}

// Frames drawn per second over `seconds`, and the intervals between
// animation frames meanwhile (p50, p99).
async function measure(page, seconds) {
  await page.evaluate(() => {
    window.__raf = [];
    window.__rafOn = true;
    const tick = (t) => { if (!window.__rafOn) return; window.__raf.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const a = await stats(page), t0 = Date.now();
  await sleep(seconds * 1000);
  const b = await stats(page), dt = (Date.now() - t0) / 1000;
  const times = await page.evaluate(() => { window.__rafOn = false; return window.__raf; });
  const iv = times.slice(1).map((t, i) => t - times[i]);
  return { fps: (b.frames_drawn - a.frames_drawn) / dt, p50: rank(iv, 50), p99: rank(iv, 99), stats: b };
}

async function resize(page, viewport) {
  await page.setViewportSize(viewport);
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const want = [Math.round(viewport.width * dpr), Math.round(viewport.height * dpr)];
  await page.waitForFunction((w) => {
    const c = document.getElementById('canvas');
    return c.width === w[0] && c.height === w[1];
  }, want, { timeout: 10000 }).catch(() => { throw new Error(`the canvas did not follow the viewport to ${want.join('x')}`); });
  await sleep(1000);
}

// The figures of one page: the last of its loads stays open for the rest.
async function bench(browser, target, readyMs, opened, o) {
  const { page } = opened;
  const r = { name: target.name, ready_ms: median(readyMs), ready_all: readyMs.map(Math.round) };
  await sleep(1000);
  const small = await measure(page, o.seconds);
  Object.assign(r, { fps_1280: small.fps, p50_ms: small.p50, p99_ms: small.p99, heap_mib: small.stats.heap_bytes / MiB });
  if (target.dsviz) Object.assign(r, { work_ms_p50: small.stats.work_ms_p50, vertices: small.stats.vertices, draw_calls: small.stats.draw_calls });
  await resize(page, LARGE);
  r.fps_1920 = (await measure(page, o.seconds)).fps;
  await resize(page, SMALL);
  if (target.dsviz) {
    await page.evaluate(() => window.dsviz.pause());
    await page.mouse.move(SMALL.width - 5, SMALL.height - 5);
    await sleep(3000);  // input settles (1 s), the picture stops changing
    const a = (await stats(page)).frames_drawn, t0 = Date.now();
    await sleep(o.seconds * 1000);
    r.fps_paused = ((await stats(page)).frames_drawn - a) / ((Date.now() - t0) / 1000);
    const before = (await stats(page)).frames_drawn;
    await page.mouse.move(SMALL.width / 2, SMALL.height / 2);
    await sleep(300);
    r.frames_after_input = (await stats(page)).frames_drawn - before;
    // 10 virtual minutes as fast as the page goes, then the heap.
    const t1 = Date.now();
    const st = await page.evaluate(() => window.dsviz.runTo(600));
    r.run_600_s = (Date.now() - t1) / 1000;
    r.virtual_s = st.time;
    const s = await stats(page);
    r.heap_600_mib = s.heap_bytes / MiB;
    r.mem_600_mib = s.heap_size / MiB;
  }
  await opened.context.close();
  if (target.stress !== undefined) {
    const st = await load(browser, `${target.url}&${target.stress}`);
    const notices = await st.page.evaluate(() => window.dsviz.notices());
    if (notices.length) throw new Error(`${target.name}: the stress setting '${target.stress}' was refused: ${notices.join(' / ')}`);
    await sleep(1000);
    const m = await measure(st.page, o.seconds);
    Object.assign(r, { stress: target.stress, stress_fps: m.fps, stress_p99_ms: m.p99 });
    await st.context.close();
  }
  return r;
}

const o = options(process.argv.slice(2));
const { server, url } = await startServer(WEB);
const ex = o.example ? await startServer(o.example) : null;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const results = [];
let bad = 0;
const t0 = Date.now();
try {
  // A first load of each page, not counted: the browser's own start-up
  // (GPU process, shader compiler) would otherwise fall on one page.
  const first = await load(browser, `${url}index.html`);
  const scenes = o.scenes.length ? o.scenes : await first.page.evaluate(() => window.dsviz.scenes());
  await first.context.close();
  if (ex) await (await load(browser, `${ex.url}index.html`)).context.close();
  const targets = scenes.map((id) => ({
    name: id, dsviz: true, dir: WEB, url: `${url}index.html?scene=${encodeURIComponent(id)}`, stress: STRESS[id] ?? '',
  }));
  if (ex) targets.unshift({ name: 'imgui-example', dsviz: false, dir: o.example, url: `${ex.url}index.html` });
  // The example and the first scene load in turns; the rest one after another.
  const turns = targets.slice(0, ex ? 2 : 1);
  if (o.profile) {
    await profileStartup(browser, turns, o);
    targets.length = 0;
    o.loads = 0;
  }
  const ready = new Map(targets.map((t) => [t.name, []]));
  for (let i = 0; i < o.loads; i++) {
    for (const t of turns) {
      const l = await load(browser, t.url);
      ready.get(t.name).push(l.readyMs);
      await l.context.close();
    }
  }
  for (const t of targets) {
    // One page open at a time: a second running page shares the GPU process
    // (the example's frame rate once read 7 fps beside a running scene,
    // 48 alone). The turns' pages were closed; they load once more here.
    let last = null;
    const timed = ready.get(t.name).length === 0;
    const loads = timed ? o.sceneLoads : 1;
    for (let i = 0; i < loads; i++) {
      const l = await load(browser, t.url);
      if (timed) ready.get(t.name).push(l.readyMs);
      if (i + 1 < loads) await l.context.close(); else last = l;
    }
    const r = await bench(browser, t, ready.get(t.name), last, o);
    results.push(r);
    if (o.json) console.log(JSON.stringify(r));
    if (t.dsviz && (r.fps_paused !== 0 || r.frames_after_input === 0)) bad++;
  }
  // The example's frame rate once more at the end: the scenes are compared
  // with the mean of both, as the machine's load may have changed meanwhile.
  if (ex && results.length > 2) {
    const again = await bench(browser, targets[0], [], await load(browser, targets[0].url), o);
    again.name = 'imgui-example (end)';
    results.push(again);
    if (o.json) console.log(JSON.stringify(again));
  }
} finally {
  await browser.close();
  server.close();
  if (ex) ex.server.close();
}

if (o.profile) process.exit(0);

// ---- the table -------------------------------------------------------------
const exr = results.find((r) => r.name === 'imgui-example');
const exEnd = results.find((r) => r.name === 'imgui-example (end)');
if (exr && exEnd) {
  results.splice(results.indexOf(exEnd), 1);
  results.splice(1, 0, exEnd);
}
const isEx = (r) => r === exr || r === exEnd;
// What the scenes are held against: the example's start-up, and the mean of
// its frame rates at the start and the end.
const base = exr && {
  ready_ms: exr.ready_ms,
  fps_1280: exEnd ? (exr.fps_1280 + exEnd.fps_1280) / 2 : exr.fps_1280,
  fps_1920: exEnd ? (exr.fps_1920 + exEnd.fps_1920) / 2 : exr.fps_1920,
};
const ratio = (a, b, digits = 2) => (exr && b > 0 && a !== undefined ? `${(a / b).toFixed(digits)}x` : '-');
const pct = (a, b) => (exr && b > 0 && a !== undefined ? `${((100 * a) / b).toFixed(0)}%` : '-');
const head = ['page', 'ready ms', 'vs ex', 'fps 1280', 'vs ex', 'fps 1920', 'vs ex', 'p50 ms', 'p99 ms', 'paused fps',
  'heap MiB', 'heap 600s', 'stress fps'];
const rows = [head];
for (const r of results) {
  const e = isEx(r);
  rows.push([r.name, f0(r.ready_ms), e ? '' : ratio(r.ready_ms, base?.ready_ms), f1(r.fps_1280), e ? '' : pct(r.fps_1280, base?.fps_1280),
    f1(r.fps_1920), e ? '' : pct(r.fps_1920, base?.fps_1920), f1(r.p50_ms), f1(r.p99_ms), e ? '' : f1(r.fps_paused),
    f1(r.heap_mib), e ? '' : f1(r.heap_600_mib), e ? '' : f1(r.stress_fps)]);
}
const load1 = os.loadavg()[0].toFixed(2);
console.log(`\nbrowser bench: headless Chromium (SwiftShader), ${os.cpus().length} cores, load ${load1} at the end, ` +
  `${((Date.now() - t0) / 1000).toFixed(0)} s; ready: median of ${o.loads} loads (example and ${results.find((r) => !isEx(r))?.name}), ` +
  `${o.sceneLoads} for the other scenes; fps over ${o.seconds} s; ratios to the example's start-up and to the mean of its two fps rows`);
printRows(rows);
if (exr) {
  const scenes = results.filter((r) => !isEx(r));
  const miss = (what, list) => console.log(`${list.length ? 'miss' : 'ok  '} ${what}${list.length ? `: ${list.join(', ')}` : ''}`);
  miss(`startup within ${TARGET.startup}x of the example`, scenes.filter((r) => r.ready_ms > TARGET.startup * base.ready_ms).map((r) => r.name));
  miss(`fps >= ${TARGET.fps * 100} % of the example's at 1280x800 and 1920x1080`,
    scenes.filter((r) => r.fps_1280 < TARGET.fps * base.fps_1280 || r.fps_1920 < TARGET.fps * base.fps_1920).map((r) => r.name));
  miss(`stress setting > ${TARGET.stress} fps at 1280x800`, scenes.filter((r) => !(r.stress_fps > TARGET.stress)).map((r) => r.name));
  miss('paused: no frames drawn, and a mouse move wakes it', scenes.filter((r) => r.fps_paused !== 0 || r.frames_after_input === 0).map((r) => r.name));
  miss(`heap <= ${TARGET.heapMiB} MiB after 10 virtual minutes`, scenes.filter((r) => !(r.heap_600_mib <= TARGET.heapMiB)).map((r) => r.name));
}
for (const r of results.filter((x) => !isEx(x) && x.virtual_s < 600)) console.log(`note: ${r.name} reached ${r.virtual_s} virtual s, not 600`);
process.exit(bad ? 1 : 0);
