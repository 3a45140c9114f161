// Frame rate and idle check of the page in build/web, in Debian's headless
// Chromium (SwiftShader: software WebGL2, as on machines without a GPU).
// For each scene: time to ready, frames per second while running, and frames
// drawn per second while paused with no input (issue 14: should be 0), from
// window.dsviz.stats() (web/frame_stats.h). Prints one JSON line per scene.
//   node tests/browser/perf.mjs [scene ...]        (default: unity latency)
// Environment: DSVIZ_WEB (default build/web), CHROMIUM (default
// /usr/bin/chromium), DSVIZ_SIZE (default 1280x800), DSVIZ_SECONDS (default 4).
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const WEB = process.env.DSVIZ_WEB || 'build/web';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [W, H] = (process.env.DSVIZ_SIZE || '1280x800').split('x').map(Number);
const SECONDS = Number(process.env.DSVIZ_SECONDS || 4);
const scenes = process.argv.slice(2).length ? process.argv.slice(2) : ['unity', 'latency'];
const ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// window.dsviz.stats(), or the exported function itself on an older shell.
const stats = (page) => page.evaluate(() => {
  if (window.dsviz && typeof window.dsviz.stats === 'function') return window.dsviz.stats();
  return JSON.parse(Module.ccall('dsviz_stats_json', 'string', [], []));
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(page, seconds) {
  const a = await stats(page);
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const b = await stats(page);
  const dt = (Date.now() - t0) / 1000;
  return { fps: +((b.frames_drawn - a.frames_drawn) / dt).toFixed(1), stats: b };
}

const { server, url } = await startServer(WEB);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
let bad = 0;
try {
  for (const scene of scenes) {
    const context = await browser.newContext({ viewport: { width: W, height: H } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${url}index.html?scene=${scene}`);
    await page.waitForFunction(() => window.dsviz && window.dsviz.ready === true, null, { timeout: 90000, polling: 50 });
    const ready_ms = Date.now() - t0;
    await sleep(1000);
    const running = await measure(page, SECONDS);
    // window.dsviz.pause(), or the Space key on a page without it.
    if (await page.evaluate(() => typeof window.dsviz.pause === 'function')) await page.evaluate(() => window.dsviz.pause());
    else {
      await page.mouse.click(W - 20, H - 20);  // focus the canvas (an empty spot)
      await page.keyboard.press('Space');
    }
    await page.mouse.move(W - 5, H - 5);
    await sleep(4000);  // input settles (1 s), the picture stops changing
    const paused = await measure(page, SECONDS);
    // Input wakes it: a mouse move draws frames again.
    const before = (await stats(page)).frames_drawn;
    await page.mouse.move(W / 2, H / 2);
    await sleep(300);
    const woke = (await stats(page)).frames_drawn - before;
    const s = running.stats;
    console.log(JSON.stringify({
      scene, size: `${W}x${H}`, ready_ms, fps_running: running.fps, fps_paused: paused.fps, frames_after_input: woke,
      frame_ms_p50: s.frame_ms_p50, frame_ms_p99: s.frame_ms_p99, work_ms_p50: s.work_ms_p50, sim_ms_p50: s.sim_ms_p50,
      ui_ms_p50: s.ui_ms_p50, render_ms_p50: s.render_ms_p50, vertices: s.vertices, draw_calls: s.draw_calls,
      heap_bytes: s.heap_bytes, heap_size: s.heap_size,
    }));
    if (paused.fps !== 0 || woke === 0) bad++;
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(bad ? 1 : 0);
