// The page's own script (shell.html loads it): checks that the browser can
// run dsviz, shows download progress, then starts the app's script, which
// shell.html keeps inert in a <template>. A file of its own, not inline, so
// the page works under a strict Content-Security-Policy:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// Also the JS handle window.dsviz for scripts and tests.
"use strict";
(function () {
  var canvas = document.getElementById("canvas");
  var loading = document.getElementById("loading");
  var loadingText = document.getElementById("loading-text");
  var loadingBar = document.getElementById("loading-bar");
  var failed = false;

  function fail(html) {
    if (failed) return;
    failed = true;
    loading.hidden = true;
    canvas.classList.add("failed");
    document.getElementById("failure-text").innerHTML = html;
    document.getElementById("failure").hidden = false;
    console.error("dsviz: " + document.getElementById("failure-text").textContent);
    rejectWaiters();
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function setProgress(done, total) {
    var mb = function (n) { return (n / 1048576).toFixed(1); };
    loadingText.textContent = total ? "Loading dsviz... " + mb(done) + " of " + mb(total) + " MB" : "Loading dsviz... " + mb(done) + " MB";
    loadingBar.style.width = total ? Math.min(100, 100 * done / total).toFixed(0) + "%" : "30%";
  }

  canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  // Keys reach the app only while the canvas has focus (SDL listens on
  // #canvas); a click or tap gives it focus, also inside an iframe.
  canvas.addEventListener("pointerdown", function () { canvas.focus({ preventScroll: true }); });
  canvas.addEventListener("webglcontextlost", function (e) {
    e.preventDefault();
    fail("<b>The graphics context was lost</b> (the GPU was reset or the tab used too much memory).<br>Reload the page to continue.");
  });

  // ImGui's OpenGL backend reads the scissor box and the blend state back
  // every frame (to restore them after drawing). Chromium answers those
  // getParameter calls with a round trip to its GPU process, so the page's
  // thread waits for every drawing command queued before, the last frame's
  // included: with a software renderer (SwiftShader) that wait was most of
  // the frame (~80 ms of a ~90 ms main-loop call at 1400x900). Our canvas's
  // context keeps those values as they are set and answers from them. A
  // value not yet set, or set with arguments the context may refuse, is
  // read from the context (once). getError would wait too: not used.
  var getContext = canvas.getContext;
  canvas.getContext = function (type, attrs) {
    var gl = getContext.call(this, type, attrs);
    if (gl && (type === "webgl2" || type === "webgl") && !gl.dsvizKnownState) keepGlState(gl);
    if (!gl && type === "webgl2") noWebGL2();
    return gl;
  };
  // SDL makes the one context (web/platform.cpp asks for GLES 3, no alpha,
  // depth, no stencil, no MSAA) once it has sized the canvas: SDL_CreateWindow
  // sets the canvas to 1x1 and back to measure its CSS box, which with a live
  // context reallocated the drawing buffer twice in the GPU process (~100 ms
  // at start-up with SwiftShader). A browser that refuses WebGL2 gets this
  // message instead of SDL's.
  function noWebGL2() {
    fail("<b>WebGL2 is not available</b> in this browser, and dsviz draws with it.<br>" +
         "Turn on hardware acceleration (or WebGL) in the browser settings, or use a current Firefox, Chrome, Edge or Safari.");
  }
  function keepGlState(gl) {
    var known = {};
    var kept = [gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA,
                gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA];
    // Factors and equations no context refuses, alone or together (the
    // constant-colour factors may not be mixed: those are read back).
    var factors = [gl.ZERO, gl.ONE, gl.SRC_COLOR, gl.ONE_MINUS_SRC_COLOR, gl.DST_COLOR, gl.ONE_MINUS_DST_COLOR,
                   gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.DST_ALPHA, gl.ONE_MINUS_DST_ALPHA, gl.SRC_ALPHA_SATURATE];
    var equations = [gl.FUNC_ADD, gl.FUNC_SUBTRACT, gl.FUNC_REVERSE_SUBTRACT];
    var getParameter = gl.getParameter, scissor = gl.scissor;
    var blendFunc = gl.blendFunc, blendFuncSeparate = gl.blendFuncSeparate;
    var blendEquation = gl.blendEquation, blendEquationSeparate = gl.blendEquationSeparate;
    gl.dsvizKnownState = known;
    function copy(v) { return v instanceof Int32Array ? new Int32Array(v) : v; }
    function set(keys, values, valid) {
      for (var i = 0; i < values.length; ++i) if (valid.indexOf(values[i]) < 0) values = null;
      for (var k = 0; k < keys.length; ++k) {
        if (values) known[keys[k]] = values[k];
        else delete known[keys[k]];
      }
    }
    gl.getParameter = function (p) {
      if (known[p] !== undefined) return copy(known[p]);
      var v = getParameter.call(gl, p);
      if (v !== null && kept.indexOf(p) >= 0) known[p] = copy(v);
      return v;
    };
    gl.scissor = function (x, y, w, h) {
      scissor.call(gl, x, y, w, h);
      if (w >= 0 && h >= 0) known[gl.SCISSOR_BOX] = new Int32Array([x, y, w, h]);
      else delete known[gl.SCISSOR_BOX];
    };
    gl.blendFunc = function (s, d) {
      blendFunc.call(gl, s, d);
      set([gl.BLEND_SRC_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_RGB, gl.BLEND_DST_ALPHA], [s, s, d, d], factors);
    };
    gl.blendFuncSeparate = function (sr, dr, sa, da) {
      blendFuncSeparate.call(gl, sr, dr, sa, da);
      set([gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA], [sr, dr, sa, da], factors);
    };
    gl.blendEquation = function (m) {
      blendEquation.call(gl, m);
      set([gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA], [m, m], equations);
    };
    gl.blendEquationSeparate = function (r, a) {
      blendEquationSeparate.call(gl, r, a);
      set([gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA], [r, a], equations);
    };
  }

  // ---- window.dsviz: the handle for scripts, tests and host pages -------
  // (README, "Scripting and embedding"). Before the app is ready, scene()
  // and setScene() use the address, pause()/play()/setTheme() are kept for
  // it, state() and describe() return null, runTo() waits for it.
  var params = new URLSearchParams(location.search);
  var framed = window.parent !== window;
  var pending = null, pendingPlaying = null, pendingTheme = null;
  var readyWaiters = [], runWaiters = [], pngWaiters = [];  // whenReady(), runTo() and exportPng() promises
  function call(name, ret, types, args) { return Module.ccall(name, ret, types || [], args || []); }
  function whenReady() {
    if (window.dsviz.ready) return Promise.resolve();
    if (failed) return Promise.reject(new Error("dsviz could not start (see the page)"));
    return new Promise(function (resolve, reject) { readyWaiters.push({ resolve: resolve, reject: reject }); });
  }
  function rejectWaiters() {
    (readyWaiters || []).splice(0).forEach(function (w) { w.reject(new Error("dsviz could not start (see the page)")); });
  }

  // The host page: messages come from the parent window only and, when
  // ?origin= names one, from that origin only; this page's own messages go
  // to that origin (or to any parent without ?origin=).
  var allowedOrigin = null, originProblem = null;
  if (params.has("origin")) {
    var o = params.get("origin");
    try {
      allowedOrigin = new URL(o).origin;
      if (allowedOrigin === "null") throw new Error("opaque");
    } catch (e) {
      allowedOrigin = null;
      originProblem = "The address's origin='" + o.slice(0, 60) + "' is not an origin like https://example.org: " +
        "messages from the host page are ignored.";
      console.warn("dsviz: " + originProblem);
    }
  }
  function post(msg) {
    if (!framed || originProblem) return;
    try { window.parent.postMessage(msg, allowedOrigin || "*"); } catch (e) { /* a parent gone away */ }
  }
  var lastHeight = 0, lastState = "";

  function setThemeClass(theme) { document.documentElement.classList.toggle("light", theme === "light"); }
  // The reader's settings (the app reads them at start too, web/platform.cpp):
  // the first theme follows prefers-color-scheme unless ?theme= names one.
  function media(q) { try { return window.matchMedia(q); } catch (e) { return null; } }
  var lightScheme = media("(prefers-color-scheme: light)"), lessMotion = media("(prefers-reduced-motion: reduce)");
  var themeNamed = params.get("theme") === "light" || params.get("theme") === "dark";
  if (params.get("theme") === "light" || (!themeNamed && lightScheme && lightScheme.matches)) setThemeClass("light");

  window.dsviz = {
    ready: false,
    scene: function () {
      if (!window.dsviz.ready) return pending || params.get("scene") || "";
      return call("dsviz_scene", "string");
    },
    // Returns true when the id names a scene; an unknown id opens the
    // default scene with a notice, as a bad ?scene= does.
    setScene: function (id) {
      if (!window.dsviz.ready) { pending = String(id); return true; }
      return call("dsviz_set_scene", "number", ["string"], [String(id)]) === 1;
    },
    // Notices on screen (an unknown scene id, a bad seed), and scene ids.
    notices: function () {
      if (!window.dsviz.ready) return [];
      return call("dsviz_notices", "string").split("\n").filter(Boolean);
    },
    scenes: function () {
      if (!window.dsviz.ready) return [];
      return call("dsviz_scenes", "string").split("\n").filter(Boolean);
    },
    // The run now: { scene, title, seed, time (virtual seconds), time_ns,
    // events, trace_hash, playing, speed, replaying, present, reduced_motion,
    // keyboard_nav (a control has the keyboard focus), dark, address }. The
    // seed and trace hash are strings (64-bit); address is the deep link
    // that replays this run in the full page.
    state: function () {
      if (!window.dsviz.ready) return null;
      var st = JSON.parse(call("dsviz_state", "string"));
      st.address = location.origin + location.pathname + "?" + st.link;
      delete st.link;
      return st;
    },
    pause: function () {
      if (!window.dsviz.ready) { pendingPlaying = false; return; }
      call("dsviz_set_playing", null, ["number"], [0]);
    },
    play: function () {
      if (!window.dsviz.ready) { pendingPlaying = true; return; }
      call("dsviz_set_playing", null, ["number"], [1]);
    },
    // "light" or "dark"; anything else is refused with a TypeError.
    setTheme: function (theme) {
      if (theme !== "light" && theme !== "dark") throw new TypeError("dsviz.setTheme: 'light' or 'dark', not " + JSON.stringify(theme));
      setThemeClass(theme);
      if (!window.dsviz.ready) { pendingTheme = theme; return; }
      call("dsviz_set_theme", null, ["number"], [theme === "dark" ? 1 : 0]);
    },
    // Pauses and moves the run to `seconds` of virtual time (back: replayed
    // from the start; forward: run on), a slice per frame so the page stays
    // responsive. Resolves with state() once there.
    runTo: function (seconds) {
      var s = Number(seconds);
      if (typeof seconds !== "number" || !isFinite(s) || s < 0 || s > 365 * 24 * 3600)
        return Promise.reject(new RangeError("dsviz.runTo: a number of seconds from 0 to one year (31536000), not " + String(seconds)));
      return whenReady().then(function () {
        return new Promise(function (resolve) {
          runWaiters.push(resolve);
          setLoop(true);
          call("dsviz_run_to", "number", ["number"], [s]);
        });
      });
    },
    // What the canvas shows, in words (the scene's own description when it
    // has one; else its clock and figures).
    describe: function () {
      if (!window.dsviz.ready) return null;
      return call("dsviz_describe", "string");
    },
    // Presenter mode (README, Presenter mode): present(true) or present(false)
    // turns it on or off (never in an embed); present() only asks. Returns
    // whether it is on; null before the app is ready.
    present: function (on) {
      if (!window.dsviz.ready) return null;
      return call("dsviz_present", "number", ["number"], [on === undefined ? -1 : on ? 1 : 0]) === 1;
    },
    // Frame statistics (issue 14): frames drawn and skipped (a paused page
    // with no input draws none), frame_ms_p50/p99 over the last 240 frames,
    // fps, sim_ms (simulation) and ui_ms (UI build) p50/p99, render_ms_p50,
    // the last frame's vertices, indices and draw_calls, heap_bytes (malloc'd)
    // and heap_size (wasm memory), idle. Null before the app is ready.
    stats: function () {
      if (!window.dsviz.ready) return null;
      return JSON.parse(Module.ccall("dsviz_stats_json", "string", [], []));
    },
    // Saves the scene as a PNG at twice its size in CSS pixels, as the
    // page's "Save PNG" button does: the browser downloads
    // dsviz-<scene>-<seed>-<time>.png. Resolves with { name, width, height,
    // bytes } once the download has started.
    exportPng: function () {
      return whenReady().then(function () {
        return new Promise(function (resolve, reject) {
          pngWaiters.push({ resolve: resolve, reject: reject });
          wake();  // an embed scrolled out of view draws again for a moment
          call("dsviz_export_png", "number");
        });
      });
    },
    // Where the app drew a named control last frame ("control:save_png"):
    // { x, y, width, height } in CSS pixels of the canvas, or null. For tests.
    _where: function (name) {
      if (!window.dsviz.ready) return null;
      var v = call("dsviz_where", "string", ["string"], [String(name)]).split(" ").map(Number);
      return v.length === 4 ? { x: v[0], y: v[1], width: v[2], height: v[3] } : null;
    },
    // The app drew the picture (web/platform.cpp): RGBA rows, top first.
    _pngReady: function (pixels, width, height, name) {
      var c = document.createElement("canvas");
      c.width = width;
      c.height = height;
      c.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(pixels.buffer), width, height), 0, 0);
      c.toBlob(function (blob) {
        if (!blob) { window.dsviz._pngFailed("The browser could not encode a " + width + "x" + height + " PNG."); return; }
        var url = URL.createObjectURL(blob);
        var a = document.createElement("a");
        a.href = url;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        var info = { name: name, width: width, height: height, bytes: blob.size };
        pngWaiters.splice(0).forEach(function (w) { w.resolve(info); });
      }, "image/png");
    },
    _pngFailed: function (why) {
      console.error("dsviz: " + why);
      pngWaiters.splice(0).forEach(function (w) { w.reject(new Error(why)); });
    },
    // Called by the app once its first frames are on screen.
    _markReady: function () {
      loading.hidden = true;
      window.dsviz.ready = true;
      if (originProblem) call("dsviz_add_notice", null, ["string"], [originProblem]);
      if (pending !== null) { var id = pending; pending = null; window.dsviz.setScene(id); }
      if (pendingTheme !== null) { var t = pendingTheme; pendingTheme = null; window.dsviz.setTheme(t); }
      if (pendingPlaying !== null) { if (pendingPlaying) window.dsviz.play(); else window.dsviz.pause(); pendingPlaying = null; }
      readyWaiters.splice(0).forEach(function (w) { w.resolve(); });
      if (offscreen) setLoop(false);
      window.dispatchEvent(new Event("dsviz-ready"));
      followMedia();
      updateLive();
      post({ type: "dsviz:ready", scene: window.dsviz.scene() });
      if (lastHeight) post({ type: "dsviz:resize", height: lastHeight });
      window.dsviz._changed();
    },
    // Embed mode: the height the layout wants changed (web/platform.cpp).
    _resized: function (height) {
      lastHeight = height;
      post({ type: "dsviz:resize", height: height });
    },
    // The scene, a setting or the run changed: the address follows it.
    _changed: function () {
      if (!window.dsviz.ready) return;
      var msg = { type: "dsviz:state", scene: window.dsviz.scene(), url: location.href };
      var key = msg.scene + " " + msg.url;
      if (key === lastState) return;
      lastState = key;
      post(msg);
    },
    // A runTo() is there.
    _ranTo: function () {
      var st = window.dsviz.state();
      runWaiters.splice(0).forEach(function (r) { r(st); });
      if (offscreen) wake();
    }
  };

  // In a host page, a scene scrolled out of view stops drawing (its clock
  // stops with it) until it comes back, so a chapter with many scenes stays
  // light; a resize or a runTo() wakes it for as long as it needs, so the
  // host still learns its new height.
  var offscreen = false, loopPaused = false, wakeTimer = 0;
  function setLoop(run) {
    if (!window.dsviz.ready || typeof Module.pauseMainLoop !== "function") return;
    if (run && loopPaused) { Module.resumeMainLoop(); loopPaused = false; }
    else if (!run && !loopPaused) { Module.pauseMainLoop(); loopPaused = true; }
  }
  function wake() {
    if (!offscreen) return;
    setLoop(true);
    clearTimeout(wakeTimer);
    wakeTimer = setTimeout(function () { if (offscreen && !runWaiters.length) setLoop(false); }, 1000);
  }
  if (framed && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      offscreen = !entries[entries.length - 1].isIntersecting;
      setLoop(!offscreen);
    }).observe(canvas);
    window.addEventListener("resize", wake);
  }

  // The reader's settings changing while the page is open: a new colour
  // scheme switches the theme (unless the address or a host page chose
  // one), less motion reaches the app's views.
  function followMedia() {
    var listen = function (mq, f) {
      if (!mq) return;
      if (mq.addEventListener) mq.addEventListener("change", f); else if (mq.addListener) mq.addListener(f);
    };
    listen(lightScheme, function () {
      if (!themeNamed && !framed) window.dsviz.setTheme(lightScheme.matches ? "light" : "dark");
    });
    listen(lessMotion, function () {
      call("dsviz_set_reduced_motion", null, ["number"], [lessMotion.matches ? 1 : 0]);
      call("dsviz_wake", null);  // a paused page draws the new way at once
    });
  }

  // What the canvas shows, in words, for screen readers: the page's polite
  // live region gets window.dsviz.describe() when it changed, at most once a
  // second (not while the tab is hidden or a framed scene is off screen).
  // While the app sleeps (Module.dsvizAsleep, set by web/platform.cpp) the
  // picture cannot change: it is described once, then not asked again.
  var live = document.getElementById("dsviz-live"), lastLive = "", liveAt = -Infinity, liveSettled = false;
  function updateLive() {
    if (!live || !window.dsviz.ready || document.hidden || offscreen) return;
    var asleep = Module["dsvizAsleep"] === true;
    if (!asleep) liveSettled = false;
    else if (liveSettled) return;
    if (performance.now() - liveAt < 1000) return;
    var text = window.dsviz.describe() || "";
    liveSettled = asleep;
    if (text === lastLive) return;
    lastLive = text;
    liveAt = performance.now();
    live.textContent = text;
  }
  setInterval(updateLive, 250);

  // Commands from the host page (README, "Embedding"); anything else, or
  // from anyone else, is ignored.
  window.addEventListener("message", function (e) {
    if (!framed || e.source !== window.parent || originProblem) return;
    if (allowedOrigin && e.origin !== allowedOrigin) return;
    var d = e.data;
    if (!d || typeof d !== "object" || typeof d.type !== "string") return;
    if (d.type === "dsviz:setScene" && typeof d.scene === "string") window.dsviz.setScene(d.scene);
    else if (d.type === "dsviz:theme" && (d.theme === "light" || d.theme === "dark")) window.dsviz.setTheme(d.theme);
    else if (d.type === "dsviz:pause") window.dsviz.pause();
    else if (d.type === "dsviz:play") window.dsviz.play();
  });

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("<b>This browser cannot run WebAssembly</b>, which dsviz needs.<br>Use a current Firefox, Chrome, Edge or Safari.");
    return;
  }

  var script = document.getElementById("dsviz-main").content.querySelector("script");
  var jsUrl = script.getAttribute("src");
  var wasmUrl = jsUrl.replace(/\.js$/, ".wasm");

  // Download and compile the wasm now, while this thread creates the GL
  // context below (the slowest step of a start with a software renderer):
  // compileStreaming compiles as the bytes arrive, on other threads.
  var wasmModule = fetch(wasmUrl).then(function (resp) {
    if (!resp.ok) throw new Error("HTTP " + resp.status + " for " + wasmUrl);
    var total = Number(resp.headers.get("Content-Length")) || 0;
    if (!resp.body || !resp.body.getReader || typeof ReadableStream !== "function") {
      return resp.arrayBuffer().then(function (buf) { return WebAssembly.compile(buf); });
    }
    // The same bytes through a stream that counts them for the progress bar.
    var reader = resp.body.getReader(), got = 0;
    var counted = new ReadableStream({
      pull: function (ctl) {
        return reader.read().then(function (r) {
          if (r.done) { ctl.close(); return; }
          got += r.value.length;
          setProgress(got, total);
          ctl.enqueue(r.value);
        });
      }
    });
    if (typeof WebAssembly.compileStreaming === "function") {
      return WebAssembly.compileStreaming(new Response(counted, { headers: { "Content-Type": "application/wasm" } }));
    }
    return new Response(counted).arrayBuffer().then(function (buf) { return WebAssembly.compile(buf); });
  });
  wasmModule.catch(function () {});  // reported when the app asks for it

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    // The app writes to stderr only when something is wrong.
    printErr: function (t) { console.error(t); },
    setStatus: function (t) { if (t && !failed) loadingText.textContent = t; },
    monitorRunDependencies: function (left) { if (left === 0) loadingText.textContent = "Starting..."; },
    onAbort: function (what) { fail("<b>dsviz stopped:</b> " + escapeHtml(what)); },
    dsvizFail: function (msg) { fail("<b>dsviz could not start:</b> " + escapeHtml(msg)); },
    // The module compiled above, instantiated with the imports index.js gives.
    instantiateWasm: function (imports, done) {
      wasmModule.then(function (module) {
        loadingText.textContent = "Starting...";
        return WebAssembly.instantiate(module, imports).then(function (instance) { done(instance, module); });
      }).catch(function (e) {
        fail("<b>dsviz could not be loaded:</b> " + escapeHtml(e && e.message ? e.message : e) + "<br>Check the connection and reload the page.");
      });
      return {};
    }
  };

  var s = document.createElement("script");
  s.src = jsUrl;
  s.async = true;
  s.onerror = function () { fail("<b>dsviz could not be loaded</b> (" + escapeHtml(jsUrl) + " is missing).<br>Reload the page."); };
  document.body.appendChild(s);
})();
