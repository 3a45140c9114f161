// Frame times of the page while the mouse does something: opens build/web's
// index.html?<query> in Debian's headless Chromium (playwright-core, as
// tests/browser/browser.test.mjs does), optionally runs the scene for some
// virtual time first, then performs an action and records the intervals
// between requestAnimationFrame callbacks meanwhile. Prints max, p99 and p50
// frame ms per phase (idle before, the run, the action, settling after).
//   node tests/browser/frames.mjs [--query Q] [--action A] [--run-s S] [--seconds N]
//                                 [--until KEY>=VALUE] [--size WxH] [--limit-ms MS] [--json]
// --query    the page's query (default "scene=unity&rate=100")
// --action   timeline-drag (default): drag the timeline back and forth with
//            the mouse (each move back replays the run from its start, a
//            slice per frame); idle: only record (e.g. scaling's sweep as it
//            runs); or a path to a module whose default export is
//            async (page, helpers) => {} and does the action.
// --run-s    virtual seconds to run before the action (default 3600; 0: none):
//            window.dsviz.runTo() when the page has it, else the speed
//            slider clicked at its right end (1000x) until the run gets there
// --seconds  how long the action lasts (default 10; idle: at most)
// --until    KEY>=VALUE on the scene's figures (Module dsviz_metrics): the run
//            before the action lasts until it holds when the page has no
//            window.dsviz.state() (e.g. requests_sent>=360000 for an hour
//            of unity at 100 req/s), and the idle action ends when it holds
//            (e.g. sweep_done_pct>=100 for scaling's sweep)
// --limit-ms exit 1 when a frame of the action (or of settling) took longer
// Environment: DSVIZ_WEB (default build/web), CHROMIUM (default /usr/bin/chromium).
// Figures are from software WebGL (SwiftShader) on whatever machine runs it:
// compare runs on one machine, not across machines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
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

function options(argv) {
  const o = { query: 'scene=unity&rate=100', action: 'timeline-drag', runS: 3600, seconds: 10, size: '1280x800', limitMs: 0, json: false, until: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--query') o.query = v().replace(/^\?/, '');
    else if (a === '--action') o.action = v();
    else if (a === '--run-s') o.runS = Number(v());
    else if (a === '--seconds') o.seconds = Number(v());
    else if (a === '--size') o.size = v();
    else if (a === '--limit-ms') o.limitMs = Number(v());
    else if (a === '--json') o.json = true;
    else if (a === '--until') {
      const m = /^([a-z0-9_]+)>=(-?[0-9.e+-]+)$/.exec(v());
      if (!m) die('--until wants KEY>=VALUE, e.g. requests_sent>=360000');
      o.until = { key: m[1], value: Number(m[2]) };
    }
    else if (a === '--help' || a === '-h') { console.log(fs.readFileSync(new URL(import.meta.url)).toString().split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n')); process.exit(0); }
    else die(`unknown option ${a} (see --help)`);
  }
  if (!(o.runS >= 0) || !(o.seconds > 0) || !(o.limitMs >= 0)) die('--run-s, --seconds and --limit-ms take non-negative numbers');
  if (!/^\d+x\d+$/.test(o.size)) die(`--size wants WxH, got ${o.size}`);
  return o;
}
function die(msg) {
  console.error(`frames: ${msg}`);
  process.exit(2);
}

// ---- screenshots: a minimal PNG reader (8-bit RGB/RGBA, not interlaced) ----
function decodePng(buf) {
  let pos = 8, width = 0, height = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); type = data[9];
      if (data[8] !== 8 || data[12] !== 0 || (type !== 2 && type !== 6)) throw new Error('frames: unexpected PNG format');
    } else if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3, stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0, b = y ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y ? px[(y - 1) * stride + x - bpp] : 0;
      let p = src[x];
      if (f === 1) p += a;
      else if (f === 2) p += b;
      else if (f === 3) p += (a + b) >> 1;
      else if (f === 4) { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c); p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[y * stride + x] = p & 255;
    }
  }
  return { width, height, at: (x, y) => { const i = y * stride + x * bpp; return [px[i], px[i + 1], px[i + 2]]; } };
}

// The sliders of the transport row, found on a screenshot: ImGui draws a
// slider as a flat rectangle in the frame colour, and the timeline is the
// first one (from the top) wider than a quarter of the page on either side
// of its label; the speed slider is the widest frame run on the rows just
// above it. The frame colour is the
// most common colour of those wide runs: no theme is assumed.
function findSliders(png) {
  const runs = [];  // [y, x0, x1, colour]
  for (let y = 0; y < png.height; y++) {
    let x0 = 0, prev = null;
    for (let x = 0; x <= png.width; x++) {
      const c = x < png.width ? png.at(x, y) : null;
      const same = c && prev && Math.abs(c[0] - prev[0]) + Math.abs(c[1] - prev[1]) + Math.abs(c[2] - prev[2]) <= 6;
      if (!same) {
        if (prev && x - x0 >= 12) runs.push([y, x0, x - 1, prev]);
        x0 = x;
        prev = c;
      }
    }
  }
  // The page background makes the widest runs of all; a frame colour has
  // runs that start well inside the page and stop before its right edge.
  const near = (a, b) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= 6;
  const bg = (() => {
    const n = new Map();
    for (const [, x0, x1, c] of runs) n.set(c.join(','), (n.get(c.join(',')) || 0) + x1 - x0);
    return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
  })();
  // Wider than a quarter of the page on one side of its label.
  const wide = runs.filter(([, x0, x1, c]) => !near(c, bg) && x1 - x0 > 0.25 * png.width);
  // The first block of such rows, one colour, at least 10 rows tall (a
  // separator line is one row; a slider is a frame's height).
  let y0 = -1, y1 = -1, colour = null;
  for (let i = 0; i < wide.length && y0 < 0; i++) {
    const [ys, , , c] = wide[i];
    let ye = ys;
    for (const [y, , , c2] of wide) if (near(c2, c) && y === ye + 1) ye = y;
    if (ye - ys >= 9) { y0 = ys; y1 = ye; colour = c; }
  }
  if (y0 < 0) return null;
  let left = Infinity, right = -Infinity;
  // The timeline's grab and label split its rows: take the extent of its colour on them.
  for (const [y, x0, x1, c] of runs) if (y >= y0 && y <= y1 && near(c, colour)) { left = Math.min(left, x0); right = Math.max(right, x1); }
  const timeline = { y: Math.round((y0 + y1) / 2), left, right, top: y0, bottom: y1 };
  // The speed slider: on the rows just above, the widest extent of frame
  // colour within one row (its label splits it in two runs).
  let speed = null;
  for (let y = y0 - 4; y >= Math.max(0, y0 - 80); y--) {
    const row = runs.filter(([ry, x0, x1, c]) => ry === y && near(c, colour) && x1 - x0 >= 12);
    for (const [, x0] of row) {
      // Runs of this colour from x0 on, joined across gaps under 40 px (the label).
      let x1 = -1;
      for (const [, a, b] of row.filter(([, a]) => a >= x0).sort((p, q) => p[1] - q[1])) if (x1 < 0 || a - x1 < 40) x1 = Math.max(x1, b);
      if (x1 - x0 >= 60 && (!speed || x1 - x0 > speed.right - speed.left)) speed = { y, left: x0, right: x1, bottom: y };
      else if (speed && x0 === speed.left && x1 === speed.right) speed.y = y;  // the rows above: same frame
    }
  }
  if (speed) speed.y = Math.round((speed.y + speed.bottom) / 2);
  return { timeline, speed, colour };
}

function stats(intervals) {
  const s = [...intervals].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0);
  const r = (v) => Math.round(v * 10) / 10;
  return { frames: s.length, max_ms: r(s.length ? s[s.length - 1] : 0), p99_ms: r(q(0.99)), p50_ms: r(q(0.5)),
    over_100ms: s.filter((v) => v > 100).length };
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!fs.existsSync(path.join(WEB, 'index.html'))) die(`${WEB}/index.html not found: build the web preset first (cmake --preset web && cmake --build build/web)`);
  const [w, h] = o.size.split('x').map(Number);
  const { server, url: base } = await startServer(WEB);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const result = { query: o.query, action: o.action, size: o.size, phases: {} };
  try {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}index.html?${o.query}`);
    await page.waitForFunction(() => window.dsviz && window.dsviz.ready === true, null, { timeout: 120000, polling: 100 });
    // The recorder: every requestAnimationFrame callback's time stamp.
    await page.evaluate(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const state = () => page.evaluate(() => (window.dsviz.state ? window.dsviz.state() : null));
    // The scene's figures (Model::metrics), by key.
    const figures = () => page.evaluate(() => Object.fromEntries(Module.ccall('dsviz_metrics', 'string', [], [])
      .split('\n').filter(Boolean).map((l) => { const [k, v] = l.split(' '); return [k, Number(v)]; })));
    const holds = async () => { if (!o.until) return false; const f = await figures(); return f[o.until.key] >= o.until.value; };
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    // Records the frames from now until `fn` resolves.
    async function phase(name, fn) {
      const from = await page.evaluate(() => window.__frames.length);
      const t0 = Date.now();
      await fn();
      const f = await page.evaluate((from) => window.__frames.slice(Math.max(0, from - 1)), from);
      const d = [];
      for (let i = 1; i < f.length; i++) d.push(f[i] - f[i - 1]);
      result.phases[name] = { ...stats(d), wall_s: Math.round((Date.now() - t0) / 100) / 10 };
      const st = await state();
      if (st) result.phases[name].virtual_s = Math.round(st.time * 1000) / 1000;
      if (o.until) result.phases[name][o.until.key] = (await figures())[o.until.key];
    }
    const screenshot = async () => decodePng(await page.screenshot());
    const helpers = { page, state, figures, sleep, phase, screenshot, findSliders, seconds: o.seconds };

    await phase('idle', () => sleep(2000));

    if (o.runS > 0) {
      const hasRunTo = await page.evaluate(() => typeof (window.dsviz && window.dsviz.runTo) === 'function');
      await phase('run', async () => {
        if (hasRunTo) {
          await page.evaluate((s) => window.dsviz.runTo(s), o.runS);
          return;
        }
        // No runTo(): the speed slider at its right end (1000x), until the
        // run gets there (state(); without it, until --until holds).
        const s = findSliders(await screenshot());
        if (!s || !s.speed) throw new Error('frames: found no speed slider on the page (see --help)');
        await page.mouse.click(s.speed.right - 2, s.speed.y);
        const deadline = Date.now() + 600000;
        let said = Date.now();
        const hasState = !!(await state());
        if (!hasState && !o.until) throw new Error('frames: this page has neither window.dsviz.runTo() nor state(): say when the run is there with --until KEY>=VALUE');
        while (hasState ? (await state()).time < o.runS : !(await holds())) {
          if (Date.now() > deadline) throw new Error(`frames: the run did not get there within 10 minutes`);
          if (Date.now() - said > 10000) {
            said = Date.now();
            const st = await state();
            console.error(`frames: running: ${st ? `${Math.round(st.time)} s of virtual time` : `${o.until.key} = ${(await figures())[o.until.key]}`}`);
          }
          await sleep(200);
        }
        await page.mouse.click(s.speed.left + (s.speed.right - s.speed.left) * 0.3, s.speed.y);  // back to a calm speed
      });
    }

    if (o.action === 'idle') {
      await phase('action', async () => {
        const t0 = Date.now();
        while (Date.now() - t0 < o.seconds * 1000 && !(await holds())) await sleep(100);
      });
    } else if (o.action === 'timeline-drag') {
      // The page says where its timeline is (a tour target); the pixel
      // search is for builds without window.dsviz._where.
      const at = await page.evaluate(() => window.dsviz._where && window.dsviz._where('control:timeline'));
      const s = at && at.width > 100
        ? { timeline: { y: Math.round(at.y + at.height / 2), left: Math.round(at.x), right: Math.round(at.x + at.width), top: at.y, bottom: at.y + at.height } }
        : findSliders(await screenshot());
      if (!s) throw new Error('frames: found no timeline on the page (a slider wider than half of it)');
      result.timeline = s.timeline;
      const { left, right, y } = s.timeline;
      const x = (f) => left + 4 + (right - left - 8) * f;
      const before = await state(), figBefore = o.until ? (await figures())[o.until.key] : null;
      await phase('action', async () => {
        // Grab the timeline near its end, then sweep back and forth: each
        // step back rebuilds the run from its start (spread over frames).
        await page.mouse.move(x(0.98), y);
        await page.mouse.down();
        const stops = [0.5, 0.1, 0.9, 0.3, 0.7, 0.05, 0.6, 0.2, 0.95, 0.4];
        const t0 = Date.now();
        for (let i = 0; Date.now() - t0 < o.seconds * 1000; i++) {
          await page.mouse.move(x(stops[i % stops.length]), y, { steps: 20 });
          await sleep(250);
        }
        await page.mouse.move(x(0.25), y, { steps: 10 });
        await page.mouse.up();
      });
      const after = await state(), figAfter = o.until ? (await figures())[o.until.key] : null;
      if (before && after && !(after.time < before.time)) throw new Error(`frames: the drag did not move the run back (virtual time ${before.time} -> ${after.time} s): the timeline was not at y=${y}`);
      if (!before && o.until && !(figAfter < figBefore)) throw new Error(`frames: the drag did not move the run back (${o.until.key} ${figBefore} -> ${figAfter}): the timeline was not at y=${y}`);
      await phase('settle', async () => {
        const t0 = Date.now();
        while (Date.now() - t0 < 60000) {
          const st = await state();
          if (!st || !st.replaying) break;
          await sleep(100);
        }
        await sleep(1000);
      });
    } else {
      const mod = await import(pathToFileURL(path.resolve(o.action)).href);
      await phase('action', () => mod.default(page, helpers));
    }
    if (errors.length) throw new Error(`errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }

  if (o.json) console.log(JSON.stringify(result));
  else {
    console.log(`frames: ${WEB}/index.html?${o.query}, ${o.size}, action ${o.action}`);
    for (const [name, p] of Object.entries(result.phases))
      console.log(`  ${name.padEnd(7)} ${String(p.frames).padStart(5)} frames in ${p.wall_s} s: max ${p.max_ms} ms, p99 ${p.p99_ms} ms, p50 ${p.p50_ms} ms, ${p.over_100ms} over 100 ms` +
        (p.virtual_s !== undefined ? ` (virtual time then ${p.virtual_s} s)` : ''));
  }
  if (o.limitMs) {
    const worst = Math.max(...['action', 'settle'].map((n) => (result.phases[n] ? result.phases[n].max_ms : 0)));
    if (worst > o.limitMs) {
      console.log(`frames: FAIL the worst frame of the action took ${worst} ms, over the ${o.limitMs} ms limit`);
      process.exit(1);
    }
  }
}

main().catch((e) => {
  console.error(String(e && e.stack || e));
  process.exit(1);
});
