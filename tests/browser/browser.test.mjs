// Browser test of the page in build/web, driven by playwright-core in Debian's
// headless Chromium (software WebGL2 through SwiftShader). Serves build/web
// itself on a free localhost port, saves screenshots under build/screenshots/
// and ends with one line "N passed, M failed" (exit 1 on any failure).
//   node tests/browser/browser.test.mjs            (from the repository root)
// Environment: DSVIZ_WEB (default build/web), DSVIZ_SCREENSHOTS (default
// build/screenshots), CHROMIUM (default /usr/bin/chromium), DSVIZ_SCENES
// (space-separated ids, overrides discovery), DSVIZ_TIMEOUT_MS (default 90000).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, STRICT_CSP } from './serve.mjs';
import { embedChecks } from './embed.test.mjs';
import { exportChecks } from './export.test.mjs';
import { accessChecks } from './access.test.mjs';

const WEB = process.env.DSVIZ_WEB || 'build/web';
const SHOTS = process.env.DSVIZ_SCREENSHOTS || 'build/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.DSVIZ_TIMEOUT_MS || 90000);
const BAD_ID = 'nonexistent-scene-xyz';
const ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

let passed = 0, failed = 0;
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e && e.message || e).split('\n').join('\n     ')}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// A page that records console errors and page errors, so each check can fail
// on them. `tolerate` lists substrings of errors a check expects.
async function openPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  page.on('crash', () => page.errors.push('page crashed'));
  return page;
}
function noErrors(page, tolerate = []) {
  const bad = page.errors.filter((e) => !tolerate.some((t) => e.includes(t)));
  assert(bad.length === 0, `errors in the page:\n${bad.join('\n')}`);
}
// Waits for window.dsviz.ready in `target` (a page or a frame); on time-out
// says what the page showed and which errors it logged.
async function waitReady(target, page) {
  try {
    await target.waitForFunction(() => window.dsviz && window.dsviz.ready === true, null, { timeout: TIMEOUT, polling: 100 });
  } catch (e) {
    const text = await target.evaluate(() => document.body ? document.body.innerText.slice(0, 300) : '').catch(() => '?');
    throw new Error(`window.dsviz.ready never became true within ${TIMEOUT} ms; page text: ${JSON.stringify(text)}` +
      (page.errors.length ? `\nerrors:\n${page.errors.join('\n')}` : ''));
  }
}
const frames = (target, n = 3) => target.evaluate((n) => new Promise((r) => {
  const f = (k) => (k ? requestAnimationFrame(() => f(k - 1)) : r());
  f(n);
}), n);
const currentScene = (target) => target.evaluate(() => window.dsviz.scene());
// The notices the app shows (an unknown scene's among them): the page's
// visible text plus window.dsviz.notices / window.dsviz.notice, each a value
// or a function returning one (a string or an array of strings), since a
// notice drawn by ImGui on the canvas is not in the DOM.
function pageNotices() {
  const get = (v) => (typeof v === 'function' ? v() : v);
  const d = window.dsviz || {};
  const parts = [get(d.notices), get(d.notice)].flat().filter((x) => typeof x === 'string');
  return `${parts.join('\n')}\n${document.body ? document.body.innerText : ''}`;
}
const noticeText = (target) => target.evaluate(pageNotices);

// Scene ids: from the page (window.dsviz.scenes: ids or {id} objects, as an
// array or a function returning one), else from `dsviz-cli list`.
function normaliseScenes(list) {
  if (!Array.isArray(list)) return [];
  return list.map((s) => (typeof s === 'string' ? s : s && s.id)).filter((s) => typeof s === 'string' && s);
}
function scenesFromCli() {
  for (const cli of ['build/native/dsviz-cli']) {
    if (!fs.existsSync(cli)) continue;
    try {
      const out = execFileSync(cli, ['list', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const j = JSON.parse(out);
      const ids = normaliseScenes(Array.isArray(j) ? j : j.scenes);
      if (ids.length) return ids;
    } catch { /* fall through to the plain listing */ }
    try {
      const out = execFileSync(cli, ['list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const ids = out.split('\n').map((l) => (/^([a-z][a-z0-9_-]*)\b/.exec(l) || [])[1]).filter(Boolean);
      if (ids.length) return [...new Set(ids)];
    } catch { /* none */ }
  }
  return [];
}

async function main() {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) {
    console.log(`FAIL ${WEB}/index.html not found: build the web preset first (make test does)`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>embed host</title>
<style>body{font:16px sans-serif;margin:16px} #tall{height:3000px}</style></head><body>
<p>Host page (like an mdBook chapter) with an embedded scene.</p>
<input id="host-input" autofocus>
<iframe id="app" src="index.html?embed=1&scene=unity" width="480" height="320" style="border:0"></iframe>
<div id="tall"></div>
<script>
  window.hostKeys = [];
  window.addEventListener('keydown', (e) => setTimeout(() => hostKeys.push({ key: e.key, prevented: e.defaultPrevented })), true);
</script></body></html>`;
  // Every file goes out with the strict Content-Security-Policy a course
  // site may send (serve.mjs STRICT_CSP): a violation is a console error,
  // which fails the check that saw it.
  const { server, url: base } = await startServer(WEB, { extra: { '/__embed_host.html': hostPage }, csp: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let scenes = (process.env.DSVIZ_SCENES || '').split(/\s+/).filter(Boolean);
  let defaultScene = null;
  try {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

    await check('index.html loads under the strict CSP and window.dsviz.ready becomes true', async () => {
      const page = await openPage(desktop);
      const violations = [];
      page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
      const resp = await page.goto(base + 'index.html');
      const policy = resp.headers()['content-security-policy'] || '';
      assert(policy === STRICT_CSP, `index.html was served without the strict CSP header (got '${policy}')`);
      await waitReady(page, page);
      assert(violations.length === 0, `CSP violations:\n${violations.join('\n')}`);
      const api = await page.evaluate(() => ({
        scene: typeof window.dsviz.scene, setScene: typeof window.dsviz.setScene,
        scenes: (() => { const s = window.dsviz.scenes; return typeof s === 'function' ? s() : s; })(),
      }));
      assert(api.scene === 'function' && api.setScene === 'function', `window.dsviz lacks scene()/setScene(): ${JSON.stringify(api)}`);
      defaultScene = await currentScene(page);
      if (!scenes.length) scenes = normaliseScenes(api.scenes);
      if (!scenes.length) scenes = scenesFromCli();
      noErrors(page);
      await page.close();
    });
    // No silent fallback: a page that lists no scenes (and a CLI that lists
    // none) is a failure, not a reason to test one scene and pass.
    if (!scenes.length) {
      await check('scene discovery: window.dsviz.scenes or `dsviz-cli list` names at least one scene', async () => {
        throw new Error('no scene ids from window.dsviz.scenes, `dsviz-cli list` or DSVIZ_SCENES');
      });
    }
    console.log(`     scenes: ${scenes.join(' ')}; default: ${defaultScene}`);

    for (const id of scenes) {
      for (const [ctx, size] of [[desktop, '1280x800'], [phone, '390x844']]) {
        await check(`?scene=${id} at ${size}: ready, scene() === '${id}', screenshot`, async () => {
          const page = await openPage(ctx);
          await page.goto(`${base}index.html?scene=${encodeURIComponent(id)}`);
          await waitReady(page, page);
          const got = await currentScene(page);
          assert(got === id, `window.dsviz.scene() is '${got}', expected '${id}'`);
          await frames(page, 10);
          await page.screenshot({ path: path.join(SHOTS, `${id}-${size}.png`) });
          noErrors(page);
          await page.close();
        });
      }
    }

    await check(`?scene=${BAD_ID}: opens a scene and shows a notice naming the bad id`, async () => {
      const page = await openPage(desktop);
      await page.goto(`${base}index.html?scene=${BAD_ID}`);
      await waitReady(page, page);
      const got = await currentScene(page);
      assert(scenes.includes(got), `scene() is '${got}', expected a known scene (${scenes.join(', ')})`);
      await page.waitForFunction(`(${pageNotices})().includes(${JSON.stringify(BAD_ID)})`, null, { timeout: 5000 })
        .catch(async () => {
          throw new Error(`no notice naming '${BAD_ID}' (window.dsviz.notices()/notice() or page text): ${JSON.stringify((await noticeText(page)).slice(0, 300))}`);
        });
      await frames(page, 5);
      await page.screenshot({ path: path.join(SHOTS, 'unknown-scene-1280x800.png') });
      noErrors(page, [BAD_ID]);
      await page.close();
    });

    await check('window.dsviz.setScene(id) switches scenes', async () => {
      const page = await openPage(desktop);
      await page.goto(base + 'index.html');
      await waitReady(page, page);
      const order = [...scenes.slice(1), scenes[0]];
      for (const id of order) {
        await page.evaluate((id) => window.dsviz.setScene(id), id);
        await page.waitForFunction((id) => window.dsviz.scene() === id, id, { timeout: 5000 })
          .catch(async () => { throw new Error(`after setScene('${id}') scene() is '${await currentScene(page)}'`); });
        await frames(page, 3);
      }
      noErrors(page);
      await page.close();
    });

    await check('deep link with settings: ?nodes=8 applies, a bad value is a notice, the address follows', async () => {
      const page = await openPage(desktop);
      await page.goto(`${base}index.html?scene=unity&seed=5&nodes=8&crashed=1&rate=500&utm_source=mail`);
      await waitReady(page, page);
      await page.waitForFunction(`(${pageNotices})().includes('0 to 100')`, null, { timeout: 5000 })
        .catch(async () => { throw new Error(`no notice for rate=500: ${JSON.stringify((await noticeText(page)).slice(0, 300))}`); });
      const u = new URL(page.url());
      const q = Object.fromEntries(u.searchParams);
      assert(q.nodes === '8' && q.crashed === '1' && q.seed === '5', `address lost the settings: ${u.search}`);
      assert(q.utm_source === 'mail', `address lost the host's own key: ${u.search}`);
      assert(!('rate' in q), `address keeps the refused rate: ${u.search}`);
      // A few seconds of the run, for a picture with traffic on it.
      await page.waitForTimeout(4000);
      await page.screenshot({ path: path.join(SHOTS, 'unity-live-1280x800.png') });
      noErrors(page, ['500']);
      await page.close();
    });

    await check('embed: iframe 480x320 ?embed=1&scene=unity is ready, host keeps its keys', async () => {
      const page = await openPage(await browser.newContext({ viewport: { width: 800, height: 600 } }));
      await page.goto(base + '__embed_host.html');
      await page.focus('#host-input');
      const frame = page.frame({ url: /index\.html\?embed=1/ }) ||
        (await (await page.$('#app')).contentFrame());
      assert(frame, 'no iframe frame');
      await waitReady(frame, page);
      const got = await currentScene(frame);
      assert(got === 'unity', `in the iframe scene() is '${got}'`);
      await frames(frame, 10);
      await (await page.$('#app')).screenshot({ path: path.join(SHOTS, 'embed-480x320.png') });
      // The app must not steal focus from the host page when it loads...
      const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
      assert(active === 'host-input', `after the app loaded, focus is on '${active}', not the host's input`);
      // ...and keys typed in the host reach the host: arrows move the caret.
      await page.keyboard.type('ab');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('c');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type('s');
      const value = await page.$eval('#host-input', (e) => e.value);
      assert(value === 'acbs', `host input holds '${value}', expected 'acbs' (keys swallowed?)`);
      const prevented = await page.evaluate(() => hostKeys.filter((k) => k.prevented).map((k) => k.key));
      assert(prevented.length === 0, `host keydown events had preventDefault: ${prevented.join(', ')}`);
      // Arrow keys on the host body still scroll it (mdBook-like pages).
      await page.$eval('#host-input', (e) => e.blur());
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('PageDown');
      await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 3000 })
        .catch(() => { throw new Error('ArrowDown/PageDown on the host page did not scroll it'); });
      noErrors(page);
      await page.close();
    });

    // Issue 17: a small embed hands the host the wheel at its limits and the
    // scrolling keys it does not use.
    await check('embed 320x240: the wheel at the panel limits and ArrowDown after a click scroll the host', async () => {
      const host = `<!doctype html><html><head><meta charset="utf-8"><title>small embed host</title>
<style>body{font:16px sans-serif;margin:16px} #tall{height:3000px}</style></head><body>
<p>Host page with a 320x240 scene.</p>
<iframe id="small" src="index.html?embed=1&scene=clocks" width="320" height="240" style="border:0"></iframe>
<div id="tall"></div></body></html>`;
      const page = await openPage(await browser.newContext({ viewport: { width: 800, height: 600 } }));
      await page.route('**/__small_host.html', (r) => r.fulfill({ contentType: 'text/html', body: host }));
      await page.goto(base + '__small_host.html');
      const el = await page.$('#small');
      const frame = await el.contentFrame();
      await waitReady(frame, page);
      await frames(frame, 10);
      await el.screenshot({ path: path.join(SHOTS, 'embed-320x240.png') });
      const box = await el.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.7);
      // Down until the host moves: an inner panel may scroll first, but at
      // its bottom the wheel must reach the host.
      for (let i = 0; i < 12 && (await page.evaluate(() => window.scrollY)) === 0; i++) {
        await page.mouse.wheel(0, 120);
        await frames(frame, 3);
        await page.waitForTimeout(50);
      }
      const afterWheel = await page.evaluate(() => window.scrollY);
      assert(afterWheel > 0, 'twelve wheel turns over the 320x240 frame never scrolled the host page');
      // Click into the frame (its title line), then ArrowDown: the scene does
      // not use it, so the host scrolls.
      const box2 = await el.boundingBox();
      await page.mouse.click(box2.x + 12, box2.y + 10);
      await frames(frame, 3);
      const before = await page.evaluate(() => window.scrollY);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('PageDown');
      await page.waitForFunction((b) => window.scrollY > b, before, { timeout: 3000 })
        .catch(() => { throw new Error(`after a click into the frame, ArrowDown/PageDown left the host at scrollY ${before}`); });
      noErrors(page);
      await page.close();
    });

    await check('phone 390x844 (touch): vertical swipes over the sliders scroll the settings and change no setting', async () => {
      // Density 1: software WebGL at 3x makes each frame slow, and the swipes need many.
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      const page = await openPage(ctx);
      await page.goto(base + 'index.html?scene=failure&seed=3');
      await waitReady(page, page);
      // Paused, so two screenshots differ only when the page moved.
      const hasPause = await page.evaluate(() => typeof window.dsviz.pause === 'function');
      if (hasPause) await page.evaluate(() => window.dsviz.pause());
      else {
        await page.focus('#canvas');
        await page.keyboard.press('Space');
      }
      await frames(page, 5);
      const cdp = await ctx.newCDPSession(page);
      const swipe = async (x, y0, x1, y1, steps = 10) => {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
        await frames(page, 2);
        for (let k = 1; k <= steps; k++) {
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (x1 - x) * k / steps, y: y0 + (y1 - y0) * k / steps }] });
          await frames(page, 1);
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await frames(page, 3);
      };
      const query = () => page.evaluate(() => window.location.search);
      const shot = () => page.screenshot();
      // Up the page until the settings fill the screen: swipes that start
      // all over the lower half, where the sliders are.
      const start = await query();
      const first = await shot();
      for (let i = 0; i < 3; i++) await swipe(150 + 40 * i, 760, 152 + 40 * i, 360, 6);
      const second = await shot();
      await page.screenshot({ path: path.join(SHOTS, 'phone-swiped-settings.png') });
      assert(!first.equals(second), 'three upward swipes did not move the page');
      const now = await query();
      assert(now === start, `a vertical swipe changed a setting: the address went from ${start} to ${now}`);
      // Sideways drags over the settings now on screen do move a slider (the
      // swipes crossed the same rows).
      for (let i = 0; i < 10 && (await query()) === start; i++) await swipe(80, 100 + 36 * i, 300, 102 + 36 * i, 5);
      assert((await query()) !== start, 'sideways drags over the settings changed nothing: were there sliders?');
      noErrors(page);
      await page.close();
      await ctx.close();
    });

    // The quiz: the open scene's figures come from Module.ccall('dsviz_metrics')
    // ("name value" lines), so a test reads the score the canvas shows.
    const quizFigures = (page) => page.evaluate(() => Object.fromEntries(
      Module.ccall('dsviz_metrics', 'string', [], []).split('\n').filter(Boolean).map((l) => {
        const i = l.lastIndexOf(' ');
        return [l.slice(0, i), Number(l.slice(i + 1))];
      })));
    await check('quiz: answered through the keyboard (1, Enter, ArrowRight), the score counts each question and survives a reload', async () => {
      const page = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
      await page.goto(`${base}index.html?scene=quiz`);
      await waitReady(page, page);
      const before = await quizFigures(page);
      assert(before.questions >= 5 && before.submitted === 0, `before answering: ${JSON.stringify(before)}`);
      await page.focus('#canvas');
      for (let i = 0; i < before.questions; i++) {
        // Option 1 (or "1" typed into a short answer's field), check, next.
        for (const key of ['1', 'Enter', 'ArrowRight']) {
          await page.keyboard.press(key);
          await frames(page, 4);
        }
      }
      const after = await quizFigures(page);
      assert(after.submitted === before.questions, `after answering every question: ${JSON.stringify(after)}`);
      assert(after.correct >= 0 && after.correct <= after.submitted && after.missed === after.submitted - after.correct,
        `score does not add up: ${JSON.stringify(after)}`);
      await page.screenshot({ path: path.join(SHOTS, 'quiz-answered-1280x800.png') });
      // Answers are kept by question id in localStorage.
      await page.reload();
      await waitReady(page, page);
      await frames(page, 3);
      const again = await quizFigures(page);
      assert(again.submitted === after.submitted && again.correct === after.correct,
        `after a reload: ${JSON.stringify(again)}, before it: ${JSON.stringify(after)}`);
      noErrors(page);
      await page.close();
    });

    // ?quiz= loads a quiz served beside the page: the course's, copied in
    // from ../shared/course/quizzes when that folder is there.
    const COURSE_QUIZ = '../shared/course/quizzes/fundamentals-what-is-ds.toml';
    if (!fs.existsSync(COURSE_QUIZ)) {
      console.log(`skip ?quiz= with the course's quiz: ${COURSE_QUIZ} is not here (a clone without the course)`);
    } else {
      await check('?quiz=quizzes/fundamentals-what-is-ds.toml loads the course quiz served beside the page', async () => {
        const served = path.join(WEB, 'quizzes');
        fs.mkdirSync(served, { recursive: true });
        const copy = path.join(served, 'fundamentals-what-is-ds.toml');
        fs.copyFileSync(COURSE_QUIZ, copy);
        try {
          const expected = (fs.readFileSync(copy, 'utf8').match(/^\[\[questions\]\]/gm) || []).length;
          const page = await openPage(desktop);
          await page.goto(`${base}index.html?quiz=quizzes/fundamentals-what-is-ds.toml`);
          await waitReady(page, page);
          assert(await currentScene(page) === 'quiz', `?quiz= opened '${await currentScene(page)}', not the quiz`);
          let figs = await quizFigures(page);
          for (let t = 0; t < 50 && figs.questions !== expected; t++) {
            await page.waitForTimeout(100);
            figs = await quizFigures(page);
          }
          assert(figs.questions === expected, `the quiz has ${figs.questions} questions, the course's file ${expected}; notices: ${JSON.stringify((await noticeText(page)).slice(0, 300))}`);
          const notices = await page.evaluate(() => window.dsviz.notices());
          assert(!notices.some((n) => n.includes('not loaded')), `notices: ${notices.join(' | ')}`);
          await frames(page, 5);
          await page.screenshot({ path: path.join(SHOTS, 'quiz-course-1280x800.png') });
          noErrors(page);
          await page.close();
        } finally {
          fs.rmSync(copy, { force: true });
        }
      });
    }

    await check('?quiz= refuses other sites, schemes, ".." and missing files with a notice; our quiz stays', async () => {
      const page = await openPage(desktop);
      await page.goto(`${base}index.html?scene=quiz`);
      await waitReady(page, page);
      const ours = (await quizFigures(page)).questions;
      await page.close();
      for (const bad of ['https://example.com/q.toml', '//example.com/q.toml', 'javascript:alert(1)', '../q.toml', 'quizzes/missing.toml']) {
        const p = await openPage(desktop);
        await p.goto(`${base}index.html?quiz=${encodeURIComponent(bad)}`);
        await waitReady(p, p);
        await p.waitForFunction(`(${pageNotices})().includes('not loaded')`, null, { timeout: 5000 })
          .catch(async () => { throw new Error(`?quiz=${bad}: no 'not loaded' notice: ${JSON.stringify((await noticeText(p)).slice(0, 300))}`); });
        const figs = await quizFigures(p);
        assert(figs.questions === ours, `?quiz=${bad}: ${figs.questions} questions, ours has ${ours}`);
        noErrors(p, ['404', 'missing.toml']);
        await p.close();
      }
    });

    await check('tour: ?tour=clocks walked with the keyboard (N, P, Escape), each caption read from the page\'s live region', async () => {
      const page = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
      await page.goto(`${base}index.html?tour=clocks`);
      await waitReady(page, page);
      await frames(page, 3);
      const caption = () => page.evaluate(() => {
        const el = document.getElementById('dsviz-tour-caption');
        return el ? { text: el.textContent, live: el.getAttribute('aria-live'), role: el.getAttribute('role') } : null;
      });
      let c = await caption();
      assert(c && c.live === 'polite' && c.role === 'status', `no live region for the caption: ${JSON.stringify(c)}`);
      const m = /step 1 of (\d+): /.exec(c.text);
      assert(m, `first caption: ${JSON.stringify(c.text)}`);
      const n = Number(m[1]);
      assert(n >= 4 && n <= 8, `the tour has ${n} steps`);
      await page.focus('#canvas');
      const seen = new Set([c.text]);
      for (let k = 2; k <= n; k++) {
        await page.keyboard.press('n');
        await frames(page, 4);
        c = await caption();
        assert(c.text.includes(`step ${k} of ${n}: `), `after ${k - 1} x N: ${JSON.stringify(c.text)}`);
        seen.add(c.text);
        if (k === 3) await page.screenshot({ path: path.join(SHOTS, 'tour-clocks-step3-1280x800.png') });
      }
      assert(seen.size === n, `${seen.size} different captions for ${n} steps`);
      await page.keyboard.press('p');
      await frames(page, 4);
      c = await caption();
      assert(c.text.includes(`step ${n - 1} of ${n}: `), `after P: ${JSON.stringify(c.text)}`);
      await page.keyboard.press('Escape');
      await frames(page, 4);
      c = await caption();
      assert(c.text === '', `after Escape (explore freely) the live region still says ${JSON.stringify(c.text)}`);
      noErrors(page);
      await page.close();
    });

    // Scripting and embedding: window.dsviz, postMessage, make site's chapter.
    await embedChecks({ browser, base, WEB, SHOTS, check, assert, openPage, waitReady, frames, noErrors });
    // PNG export: the Save PNG button and window.dsviz.exportPng().
    await exportChecks({ browser, base, SHOTS, check, assert, openPage, waitReady, frames, noErrors });
    // Presenter mode, the live region, reduced motion, colour scheme, Tab (issue 13).
    await accessChecks({ browser, base, SHOTS, check, assert, openPage, waitReady, frames, noErrors });
  } finally {
    await browser.close();
  }

  // Without WebGL (and, separately, without WebAssembly) the page must say so
  // in visible text rather than show a blank canvas. Chromium 156 ignores
  // V8's --noexpose_wasm, so that browser is made by deleting the global.
  for (const [what, extra, init, pattern] of [
    ['WebGL', ['--disable-webgl', '--disable-webgl2', '--disable-3d-apis'], null, /webgl/i],
    ['WebAssembly', [], () => { delete globalThis.WebAssembly; }, /webassembly|wasm/i],
  ]) {
    await check(`without ${what} the page shows a clear message`, async () => {
      const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extra] });
      try {
        const ctx = await b.newContext({ viewport: { width: 1280, height: 800 } });
        if (init) await ctx.addInitScript(init);
        const page = await openPage(ctx);
        await page.goto(base + 'index.html');
        await page.waitForFunction((src) => new RegExp(src, 'i').test(document.body ? document.body.innerText : ''),
          pattern.source, { timeout: 30000 }).catch(async () => {
          const text = await page.evaluate(() => document.body ? document.body.innerText : '');
          throw new Error(`no visible message mentioning ${what}; page text: ${JSON.stringify(text.slice(0, 300))}`);
        });
        const ready = await page.evaluate(() => !!(window.dsviz && window.dsviz.ready));
        assert(!ready, 'window.dsviz.ready is true although the page cannot run');
        await page.screenshot({ path: path.join(SHOTS, `no-${what.toLowerCase()}-1280x800.png`) });
      } finally {
        await b.close();
      }
    });
  }
  server.close();
}

try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL browser test harness: ${e && e.stack || e}`);
}
console.log(`screenshots in ${SHOTS}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
