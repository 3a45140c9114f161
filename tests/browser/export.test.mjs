// Browser checks for PNG export (issue 13), run by browser.test.mjs with its
// helpers: the page's "Save PNG" button downloads the scene as a PNG at
// twice its size in CSS pixels, named dsviz-<scene>-<seed>-<time>.png, and
// window.dsviz.exportPng() does the same and resolves with what it saved.
// The PNG must be the picture on screen: scaled down 2x it matches a
// screenshot of the paused page.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from './png-lite.mjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Width and height from the IHDR chunk, after checking the signature.
function pngSize(buf) {
  if (buf.length < 24 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error(`not a PNG (first bytes ${buf.subarray(0, 8).toString('hex')})`);
  if (buf.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// Mean absolute difference per channel (0-255) between `big` scaled down by
// 2 (2x2 averages) and `small`, over the area both cover.
function diffHalf(big, small) {
  const w = Math.min(small.width, big.width >> 1), h = Math.min(small.height, big.height >> 1);
  let sum = 0;
  for (let y = 0; y < h; ++y)
    for (let x = 0; x < w; ++x)
      for (let c = 0; c < 3; ++c) {
        const b = (dy, dx) => big.data[((2 * y + dy) * big.width + 2 * x + dx) * 4 + c];
        const avg = (b(0, 0) + b(0, 1) + b(1, 0) + b(1, 1)) / 4;
        sum += Math.abs(avg - small.data[(y * small.width + x) * 4 + c]);
      }
  return sum / (w * h * 3);
}

function colours(img) {
  const seen = new Set();
  for (let i = 0; i < img.data.length && seen.size < 10000; i += 4)
    seen.add((img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2]);
  return seen.size;
}

export async function exportChecks({ browser, base, SHOTS, check, assert, openPage, waitReady, frames, noErrors }) {
  await check('Save PNG button: downloads dsviz-unity-3-<t>s.png at 2x the canvas (2560x1600), the picture on screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=unity&seed=3`);
    await waitReady(page, page);
    await page.evaluate(() => window.dsviz.pause());
    await frames(page, 3);
    const css = await page.evaluate(() => {
      const r = document.getElementById('canvas').getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    const at = await page.evaluate(() => window.dsviz._where('control:save_png'));
    assert(at && at.width > 20 && at.height > 10, `the Save PNG button was not drawn: _where says ${JSON.stringify(at)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.mouse.click(at.x + at.width / 2, at.y + at.height / 2),
    ]);
    const name = download.suggestedFilename();
    const t = await page.evaluate(() => window.dsviz.state().time);
    assert(/^dsviz-unity-3-\d+(\.\d+)?s\.png$/.test(name), `file name '${name}' is not dsviz-unity-3-<seconds>s.png`);
    assert(Math.abs(parseFloat(name.split('-')[3]) - t) < 0.0015, `file name '${name}' does not carry the paused time ${t} s`);
    const buf = fs.readFileSync(await download.path());
    const size = pngSize(buf);
    assert(size.width === 2 * css.width && size.height === 2 * css.height,
      `PNG is ${size.width}x${size.height}, want 2x the canvas's ${css.width}x${css.height} CSS px`);
    fs.writeFileSync(path.join(SHOTS, 'export-unity-2x.png'), buf);
    // The same picture as the screen: the pointer away from the button (the
    // export hides it), then a screenshot of the paused page.
    await page.mouse.move(5, css.height - 5);
    await frames(page, 5);
    const shot = PNG.read(await page.screenshot());
    const img = PNG.read(buf);
    const n = colours(img);
    assert(n > 100, `the PNG has only ${n} colours: blank?`);
    const d = diffHalf(img, shot);
    assert(d < 6, `the PNG scaled down 2x differs from the screen by ${d.toFixed(2)} per channel on average (want < 6)`);
    console.log(`     ${name}: ${size.width}x${size.height}, ${(buf.length / 1024).toFixed(0)} KB, ${n} colours, ` +
      `mean difference from the screen ${d.toFixed(2)}/255`);
    noErrors(page);
    await ctx.close();
  });

  await check('window.dsviz.exportPng() on a phone (390x844, 3 device px per CSS px): resolves {name, width, height, bytes}, a download at 2x the canvas\'s CSS size', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=latency&seed=11`);
    await waitReady(page, page);
    const css = await page.evaluate(() => {
      const r = document.getElementById('canvas').getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    const [download, info] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.evaluate(() => window.dsviz.exportPng()),
    ]);
    assert(info && info.name === download.suggestedFilename(), `exportPng() resolved ${JSON.stringify(info)}, download '${download.suggestedFilename()}'`);
    assert(/^dsviz-latency-11-\d+(\.\d+)?s\.png$/.test(info.name), `file name '${info.name}'`);
    const buf = fs.readFileSync(await download.path());
    const size = pngSize(buf);
    assert(size.width === 2 * css.width && size.height === 2 * css.height && info.width === size.width && info.height === size.height,
      `PNG ${size.width}x${size.height}, exportPng() said ${info.width}x${info.height}; want 2x the canvas's ${css.width}x${css.height} CSS px`);
    assert(info.bytes === buf.length, `exportPng() said ${info.bytes} bytes, the file has ${buf.length}`);
    const n = colours(PNG.read(buf));
    assert(n > 100, `the PNG has only ${n} colours: blank?`);
    fs.writeFileSync(path.join(SHOTS, 'export-latency-phone-2x.png'), buf);
    noErrors(page);
    await ctx.close();
  });
}
