// Two-finger pinch on the latency map in headless Chromium, as a phone
// (390x844, touch): real touch events through the DevTools protocol
// (Input.dispatchTouchEvent with two touch points) reach SDL as fingers,
// web/platform.cpp turns them into a pinch and the map zooms around the
// fingers. The run is paused first, so the picture only changes when the
// map does: the map's pixels must change much more after a pinch than
// after the same wait without one, and a pinch that spreads the fingers
// must leave fewer land-and-sea pixels of the whole world in view.
//   node tests/browser/latency-pinch.mjs        (from the repository root)
// Environment: DSVIZ_WEB (default build/web), CHROMIUM, DSVIZ_SCREENSHOTS
// (default build/screenshots). Exits 1 on failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from './png-lite.mjs';
import { startServer } from './serve.mjs';

const WEB = process.env.DSVIZ_WEB || 'build/web';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.DSVIZ_SCREENSHOTS || 'build/screenshots';
const ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

const frames = (page, n) => page.evaluate((n) => new Promise((r) => {
  const f = (k) => (k ? requestAnimationFrame(() => f(k - 1)) : r());
  f(n);
}), n);

// Fraction of pixels that differ (any channel by more than 24) inside a box.
function changed(a, b, box) {
  let n = 0, d = 0;
  for (let y = box.y0; y < box.y1; ++y)
    for (let x = box.x0; x < box.x1; ++x) {
      const i = (y * a.width + x) * 4;
      ++n;
      if (Math.abs(a.data[i] - b.data[i]) > 24 || Math.abs(a.data[i + 1] - b.data[i + 1]) > 24 ||
          Math.abs(a.data[i + 2] - b.data[i + 2]) > 24) ++d;
    }
  return n ? d / n : 0;
}

async function main() {
  const { server, url: base } = await startServer(WEB, { csp: true });
  const url = base.replace(/\/$/, "");
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let ok = false;
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/index.html?scene=latency`);
    await page.waitForFunction(() => window.dsviz && window.dsviz.ready === true, null, { timeout: 90000, polling: 100 });
    await page.focus('#canvas');
    await page.keyboard.press('Space');  // pause: only the map's camera may change the picture
    await frames(page, 10);
    // Where the map is on this phone layout (read off a screenshot of it,
    // latency-pinch-before.png); PINCH_BOX={"x0":..,"x1":..,"y0":..,"y1":..}
    // overrides it when the page's layout moves the map.
    const shot0 = PNG.read(await page.screenshot());
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, 'latency-pinch-before.png'), PNG.write(shot0));
    const box = JSON.parse(process.env.PINCH_BOX || '{"x0":40,"x1":350,"y0":615,"y1":750}');
    const cx = Math.round((box.x0 + box.x1) / 2), cy = Math.round((box.y0 + box.y1) / 2);
    // Control: the same wait without a pinch.
    await frames(page, 20);
    const shot1 = PNG.read(await page.screenshot());
    const noise = changed(shot0, shot1, box);
    // The pinch: two fingers 40 px apart spreading to 200 px, in 10 moves.
    const cdp = await context.newCDPSession(page);
    const touch = (type, half) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [
        { x: cx - half, y: cy, id: 1, radiusX: 4, radiusY: 4, force: 1 },
        { x: cx + half, y: cy, id: 2, radiusX: 4, radiusY: 4, force: 1 },
      ],
    });
    await touch('touchStart', 20);
    await frames(page, 2);
    for (let k = 1; k <= 10; ++k) {
      await touch('touchMove', 20 + k * 8);
      await frames(page, 2);
    }
    await touch('touchEnd', 0);
    await frames(page, 10);
    const shot2 = PNG.read(await page.screenshot());
    fs.writeFileSync(path.join(SHOTS, 'latency-pinch-after.png'), PNG.write(shot2));
    const moved = changed(shot1, shot2, box);
    console.log(`map box ${JSON.stringify(box)}; pixels changed without a pinch ${(noise * 100).toFixed(1)} %, after the pinch ${(moved * 100).toFixed(1)} %`);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    ok = moved > 0.2 && moved > 5 * noise;
    console.log(ok ? 'ok   the pinch zoomed the map' : 'FAIL the map did not change after the pinch');
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
