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

  // The JS handle for tests and embedders.
  var pending = null;
  window.dsviz = {
    ready: false,
    scene: function () {
      if (!window.dsviz.ready) return pending || new URLSearchParams(location.search).get("scene") || "";
      return Module.ccall("dsviz_scene", "string", [], []);
    },
    // Returns true when the id names a scene; an unknown id opens the
    // default scene with a notice, as a bad ?scene= does.
    setScene: function (id) {
      if (!window.dsviz.ready) { pending = String(id); return true; }
      return Module.ccall("dsviz_set_scene", "number", ["string"], [String(id)]) === 1;
    },
    // Notices on screen (an unknown scene id, a bad seed), and scene ids.
    notices: function () {
      if (!window.dsviz.ready) return [];
      return Module.ccall("dsviz_notices", "string", [], []).split("\n").filter(Boolean);
    },
    scenes: function () {
      if (!window.dsviz.ready) return [];
      return Module.ccall("dsviz_scenes", "string", [], []).split("\n").filter(Boolean);
    },
    // Called by the app once its first frames are on screen.
    _markReady: function () {
      loading.hidden = true;
      window.dsviz.ready = true;
      if (pending !== null) { var id = pending; pending = null; window.dsviz.setScene(id); }
      window.dispatchEvent(new Event("dsviz-ready"));
    }
  };

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("<b>This browser cannot run WebAssembly</b>, which dsviz needs.<br>Use a current Firefox, Chrome, Edge or Safari.");
    return;
  }
  var probe = document.createElement("canvas").getContext("webgl2");
  if (!probe) {
    fail("<b>WebGL2 is not available</b> in this browser, and dsviz draws with it.<br>" +
         "Turn on hardware acceleration (or WebGL) in the browser settings, or use a current Firefox, Chrome, Edge or Safari.");
    return;
  }
  var lose = probe.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();  // free the probe's context right away

  var script = document.getElementById("dsviz-main").content.querySelector("script");
  var jsUrl = script.getAttribute("src");
  var wasmUrl = jsUrl.replace(/\.js$/, ".wasm");

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    // The app writes to stderr only when something is wrong.
    printErr: function (t) { console.error(t); },
    setStatus: function (t) { if (t && !failed) loadingText.textContent = t; },
    monitorRunDependencies: function (left) { if (left === 0) loadingText.textContent = "Starting..."; },
    onAbort: function (what) { fail("<b>dsviz stopped:</b> " + escapeHtml(what)); },
    dsvizFail: function (msg) { fail("<b>dsviz could not start:</b> " + escapeHtml(msg)); },
    // Download the wasm ourselves to show progress, then instantiate it.
    instantiateWasm: function (imports, done) {
      fetch(wasmUrl).then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status + " for " + wasmUrl);
        var total = Number(resp.headers.get("Content-Length")) || 0;
        if (!resp.body || !resp.body.getReader) return resp.arrayBuffer();
        var reader = resp.body.getReader(), chunks = [], got = 0;
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) {
              var bytes = new Uint8Array(got), at = 0;
              chunks.forEach(function (c) { bytes.set(c, at); at += c.length; });
              return bytes.buffer;
            }
            chunks.push(r.value);
            got += r.value.length;
            setProgress(got, total);
            return pump();
          });
        }
        return pump();
      }).then(function (buf) {
        loadingText.textContent = "Starting...";
        return WebAssembly.instantiate(buf, imports);
      }).then(function (r) {
        done(r.instance, r.module);
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
