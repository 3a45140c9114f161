// Browser checks for the classroom and accessibility (issue 13), run by
// browser.test.mjs with its helpers: presenter mode (?present=1, its keys,
// the high-contrast theme) at projector, laptop and phone sizes; the page's
// polite live region fed from window.dsviz.describe() at most once a second;
// prefers-reduced-motion and prefers-color-scheme through Playwright's
// emulateMedia (at start and when they change); Tab navigation of the
// controls with Space still pausing the scene once Escape ends it; a paused
// page stops its loop and the page's script wakes it.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from './png-lite.mjs';

const state = (page) => page.evaluate(() => window.dsviz.state());

export async function accessChecks({ browser, base, SHOTS, check, assert, openPage, waitReady, frames, noErrors }) {
  const sizes = [
    ['1920x1080', { viewport: { width: 1920, height: 1080 } }],
    ['1280x800', { viewport: { width: 1280, height: 800 } }],
    ['390x844', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }],
  ];
  for (const [size, opts] of sizes) {
    await check(`presenter mode ?present=1 at ${size}: on, high contrast (black page), screenshot`, async () => {
      const ctx = await browser.newContext(opts);
      const page = await openPage(ctx);
      await page.goto(`${base}index.html?scene=unity&present=1`);
      await waitReady(page, page);
      const st = await state(page);
      assert(st.present === true, `state().present is ${st.present}`);
      assert(await page.evaluate(() => window.dsviz.present()) === true, 'window.dsviz.present() is not true');
      await page.waitForTimeout(2500);  // a few requests on screen
      const file = path.join(SHOTS, `present-unity-${size}.png`);
      await page.screenshot({ path: file });
      const png = PNG.read(fs.readFileSync(file));
      const px = (x, y) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
      // Inside the window's padding, above the title line's right end.
      const corner = px(png.width - 10, 10);
      assert(corner.every((v) => v === 0), `the high-contrast page is not black at its top-right corner: ${corner}`);
      noErrors(page);
      await ctx.close();
    });
  }

  await check('presenter mode keys: Shift+Right next scene, presets 1-9 in the address, + speed, P off and on, not in an embed', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=unity&present=1`);
    await waitReady(page, page);
    await page.focus('#canvas');
    const scenes = await page.evaluate(() => window.dsviz.scenes());
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForFunction((id) => window.dsviz.scene() === id, scenes[1], { timeout: 5000 })
      .catch(async () => { throw new Error(`Shift+Right: scene() is '${(await state(page)).scene}', expected '${scenes[1]}'`); });
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForFunction(() => window.dsviz.scene() === 'unity', null, { timeout: 5000 });
    // Unity's second preset: two of four servers down.
    await page.keyboard.press('2');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('crashed') === '2', null, { timeout: 5000 })
      .catch(() => { throw new Error(`key 2: the address has no crashed=2: ${page.url()}`); });
    const speed = (await state(page)).speed;
    await page.keyboard.press('Equal');
    await page.waitForFunction((s) => Math.abs(window.dsviz.state().speed - 2 * s) < 1e-6, speed, { timeout: 5000 })
      .catch(async () => { throw new Error(`+: speed ${(await state(page)).speed}, expected ${2 * speed}`); });
    assert(new URL(page.url()).searchParams.get('present') === '1', `the address lost present=1: ${page.url()}`);
    await page.keyboard.press('p');
    await page.waitForFunction(() => window.dsviz.state().present === false, null, { timeout: 5000 });
    assert(!new URL(page.url()).searchParams.has('present'), `present mode off, the address still says it: ${page.url()}`);
    await page.keyboard.press('p');
    await page.waitForFunction(() => window.dsviz.state().present === true, null, { timeout: 5000 });
    noErrors(page);
    const embed = await openPage(ctx);
    await embed.goto(`${base}index.html?scene=unity&present=1&embed=1`);
    await waitReady(embed, embed);
    assert((await state(embed)).present === false, 'an embed went into presenter mode');
    assert(await embed.evaluate(() => window.dsviz.present(true)) === false, 'present(true) turned an embed to presenter mode');
    await ctx.close();
  });

  await check('live region: polite, fed from describe(), at most one update a second, follows the scene', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=unity&rate=40`);
    await waitReady(page, page);
    const attrs = await page.$eval('#dsviz-live', (e) => ({ live: e.getAttribute('aria-live'), role: e.getAttribute('role'),
      w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }));
    assert(attrs.live === 'polite' && attrs.role === 'status', `live region attributes: ${JSON.stringify(attrs)}`);
    assert(attrs.w <= 1 && attrs.h <= 1, `the live region is visible (${attrs.w}x${attrs.h} px)`);
    await page.evaluate(() => {
      window.liveLog = [];
      new MutationObserver(() => liveLog.push({ t: performance.now(), text: document.getElementById('dsviz-live').textContent }))
        .observe(document.getElementById('dsviz-live'), { childList: true, characterData: true, subtree: true });
    });
    await page.waitForTimeout(6500);
    const log = await page.evaluate(() => liveLog);
    assert(log.length >= 3, `the live region changed ${log.length} times in 6.5 s of a busy scene: ${JSON.stringify(log)}`);
    const gaps = log.slice(1).map((e, i) => e.t - log[i].t);
    assert(gaps.every((g) => g >= 990), `updates closer than a second apart: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    assert(log.length <= 8, `${log.length} updates in 6.5 s`);
    // Paused, the region settles on what describe() says.
    await page.evaluate(() => window.dsviz.pause());
    await page.waitForTimeout(1500);
    const [text, described] = await page.evaluate(() => [document.getElementById('dsviz-live').textContent, window.dsviz.describe()]);
    assert(text === described && text.length > 10, `live region '${text}' vs describe() '${described}'`);
    // Another scene: the region says so within a second or two.
    await page.evaluate(() => window.dsviz.setScene('clocks'));
    await page.waitForFunction(() => document.getElementById('dsviz-live').textContent === window.dsviz.describe(), null, { timeout: 3000 })
      .catch(() => { throw new Error('after setScene(clocks) the live region did not follow describe()'); });
    noErrors(page);
    await ctx.close();
  });

  await check('prefers-reduced-motion (emulateMedia): the app starts with less motion and follows a change', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${base}index.html?scene=unity&rate=40&seed=3`);
    await waitReady(page, page);
    assert((await state(page)).reduced_motion === true, 'reduced_motion is not on under prefers-reduced-motion: reduce');
    await page.waitForTimeout(2000);
    await page.screenshot({ path: path.join(SHOTS, 'reduced-motion-unity-1280x800.png') });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.waitForFunction(() => window.dsviz.state().reduced_motion === false, null, { timeout: 3000 })
      .catch(() => { throw new Error('reduced_motion stayed on after the preference went away'); });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForFunction(() => window.dsviz.state().reduced_motion === true, null, { timeout: 3000 })
      .catch(() => { throw new Error('reduced_motion did not come back on'); });
    noErrors(page);
    await ctx.close();
  });

  await check('a paused page sleeps (no frames, no loop ticks: battery); setTheme, play and setScene from the script wake it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=unity`);
    await waitReady(page, page);
    await page.evaluate(() => window.dsviz.pause());
    const stats = () => page.evaluate(() => window.dsviz.stats());
    const asleep = () => page.waitForFunction(() => window.dsviz.stats().idle === true, null, { timeout: 8000 })
      .catch(() => { throw new Error('the paused page with no input did not go idle'); });
    const woke = async (what, before) => {
      await page.waitForFunction((n) => window.dsviz.stats().frames_drawn > n, before.frames_drawn, { timeout: 3000 })
        .catch(() => { throw new Error(`${what} on an idle page drew no frame`); });
    };
    await asleep();
    const s0 = await stats();
    await page.waitForTimeout(1500);
    const s1 = await stats();
    assert(s1.frames_drawn === s0.frames_drawn, `an idle page drew ${s1.frames_drawn - s0.frames_drawn} frames in 1.5 s`);
    // The main loop is stopped, not ticking: a tick would count a skipped frame.
    assert(s1.frames_skipped === s0.frames_skipped, `an idle page's loop ran ${s1.frames_skipped - s0.frames_skipped} times in 1.5 s`);
    await page.evaluate(() => window.dsviz.setTheme('light'));
    await woke('setTheme', s1);
    assert((await state(page)).dark === false, 'setTheme(light) did not reach the app');
    await asleep();
    const t0 = (await state(page)).time;
    const s2 = await stats();
    await page.evaluate(() => window.dsviz.play());
    await woke('play()', s2);
    await page.waitForFunction((t) => window.dsviz.state().time > t, t0, { timeout: 3000 })
      .catch(() => { throw new Error('play() on an idle page did not move the clock'); });
    await page.evaluate(() => window.dsviz.pause());
    await asleep();
    const s3 = await stats();
    assert(await page.evaluate(() => window.dsviz.setScene('clocks')), 'setScene(clocks) refused');
    await woke('setScene', s3);
    assert((await state(page)).scene === 'clocks', 'setScene(clocks) on an idle page did not open clocks');
    noErrors(page);
    await ctx.close();
  });

  await check('prefers-color-scheme (emulateMedia): light first theme, ?theme= wins, a change switches the theme', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}index.html?scene=unity`);
    await waitReady(page, page);
    assert((await state(page)).dark === false, 'dark theme under prefers-color-scheme: light');
    assert(await page.evaluate(() => document.documentElement.classList.contains('light')), 'the page is not light');
    await page.screenshot({ path: path.join(SHOTS, 'color-scheme-light-1280x800.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => window.dsviz.state().dark === true, null, { timeout: 3000 })
      .catch(() => { throw new Error('the theme did not follow prefers-color-scheme: dark'); });
    const named = await openPage(ctx);
    await named.emulateMedia({ colorScheme: 'light' });
    await named.goto(`${base}index.html?scene=unity&theme=dark`);
    await waitReady(named, named);
    assert((await state(named)).dark === true, '?theme=dark lost to prefers-color-scheme: light');
    await named.emulateMedia({ colorScheme: 'light' });
    await frames(named, 3);
    assert((await state(named)).dark === true, '?theme=dark switched by a scheme change');
    noErrors(page);
    noErrors(named);
    await ctx.close();
  });

  await check('keyboard: Tab shows a focused control and keeps the focus in the canvas; Space works it; Escape gives Space back', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx);
    await page.goto(`${base}index.html?scene=unity`);
    await waitReady(page, page);
    await page.focus('#canvas');
    const p0 = (await state(page)).playing;
    await page.keyboard.press('Space');
    await page.waitForFunction((p) => window.dsviz.state().playing !== p, p0, { timeout: 3000 })
      .catch(() => { throw new Error('Space did not pause or play before Tab'); });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.dsviz.state().keyboard_nav === true, null, { timeout: 3000 })
      .catch(() => { throw new Error('Tab did not give a control the keyboard focus'); });
    for (let i = 0; i < 4; ++i) await page.keyboard.press('Tab');
    await frames(page, 3);
    const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(active === 'canvas', `after Tab the page's focus is on '${active}', not the canvas`);
    await page.screenshot({ path: path.join(SHOTS, 'keyboard-nav-1280x800.png') });
    await page.keyboard.press('Space');  // works the focused control, not the transport key
    await frames(page, 3);
    assert((await state(page)).keyboard_nav === true, 'Space on a focused control ended keyboard navigation');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.dsviz.state().keyboard_nav === false, null, { timeout: 3000 })
      .catch(() => { throw new Error('Escape did not end keyboard navigation'); });
    const p2 = (await state(page)).playing;
    await page.keyboard.press('Space');
    await page.waitForFunction((p) => window.dsviz.state().playing !== p, p2, { timeout: 3000 })
      .catch(() => { throw new Error('after Escape, Space did not pause or play'); });
    noErrors(page);
    await ctx.close();
  });
}
