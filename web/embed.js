// embed.js: live dsviz scenes in a host page (an mdBook chapter, a course
// site). No dependencies; load it once, e.g. mdBook's book.toml
//   [output.html]
//   additional-js = ["embed.js"]
// and write each scene as
//   <iframe data-dsviz src="dsviz/index.html?embed=1&scene=unity"
//           title="dsviz: Illusion of unity" loading="lazy"></iframe>
// For every iframe[data-dsviz] it:
// - keeps the frame as tall as its content (the page's dsviz:resize
//   messages; README, "Embedding"), so the host needs no fixed height;
// - passes the host's theme: mdBook's class on <html> (light, rust: light;
//   coal, navy, ayu: dark), else its stored "mdbook-theme", else the
//   system's preference; first as ?theme= in the address, then as
//   dsviz:theme messages whenever the theme menu changes it;
// - loads frames lazily: loading="lazy" where the markup has no loading
//   attribute, and a frame written with data-src instead of src gets its
//   address when it comes within a screen of the viewport.
// Messages are taken only from the frame they claim to come from (source
// and origin) and sent only to that frame's origin.
(function () {
  "use strict";
  if (window.dsvizEmbed) return;  // loaded twice
  var DARK = { coal: 1, navy: 1, ayu: 1 }, LIGHT = { light: 1, rust: 1 };
  var MIN_HEIGHT = 120, MAX_HEIGHT = 4000;
  var frames = [];
  var lazy = "IntersectionObserver" in window ? new IntersectionObserver(onVisible, { rootMargin: "100% 0px" }) : null;

  function mdbookTheme(name) {
    if (!name) return null;
    name = String(name).replace(/^"|"$/g, "");  // older mdBook stored it JSON-quoted
    return DARK[name] ? "dark" : LIGHT[name] ? "light" : null;
  }
  // The host's theme now: "light" or "dark".
  function hostTheme() {
    var cls = document.documentElement.classList;
    for (var i = 0; i < cls.length; i++) {
      var t = mdbookTheme(cls[i]);
      if (t) return t;
    }
    var stored = null;
    try { stored = window.localStorage.getItem("mdbook-theme"); } catch (e) { /* storage refused */ }
    return mdbookTheme(stored) ||
      (window.matchMedia && window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark");
  }

  // The address with ?theme= set to the host's theme (and ?embed=1 unless
  // the author chose otherwise).
  function themed(src, theme) {
    var u;
    try { u = new URL(src, location.href); } catch (e) { return src; }
    u.searchParams.set("theme", theme);
    if (!u.searchParams.has("embed")) u.searchParams.set("embed", "1");
    return u.href;
  }
  function originOf(frame) {
    try { return new URL(frame.getAttribute("src") || "", location.href).origin; } catch (e) { return null; }
  }
  function send(frame, msg) {
    var o = originOf(frame);
    if (o && o !== "null" && frame.contentWindow) frame.contentWindow.postMessage(msg, o);
  }

  function adopt(frame) {
    if (frames.indexOf(frame) >= 0) return;
    frames.push(frame);
    frame.classList.add("dsviz-frame");
    // Full width unless the markup says otherwise; the height follows the
    // scene once it loads (a fixed height or CSS stays until then).
    if (!frame.hasAttribute("width")) frame.style.width = "100%";
    var theme = hostTheme();
    if (frame.hasAttribute("src")) {
      if (!frame.hasAttribute("loading")) frame.setAttribute("loading", "lazy");
      var want = themed(frame.getAttribute("src"), theme);
      if (want !== new URL(frame.getAttribute("src"), location.href).href) frame.setAttribute("src", want);
    } else if (frame.hasAttribute("data-src")) {
      if (lazy) lazy.observe(frame);
      else frame.setAttribute("src", themed(frame.getAttribute("data-src"), theme));
    }
  }
  function onVisible(entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      lazy.unobserve(e.target);
      e.target.setAttribute("src", themed(e.target.getAttribute("data-src"), hostTheme()));
    });
  }
  function scan(root) {
    var list = (root || document).querySelectorAll("iframe[data-dsviz]");
    for (var i = 0; i < list.length; i++) adopt(list[i]);
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d !== "object" || typeof d.type !== "string" || d.type.indexOf("dsviz:") !== 0) return;
    var frame = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === e.source) frame = frames[i];
    if (!frame || e.origin !== originOf(frame)) return;
    if (d.type === "dsviz:resize" && typeof d.height === "number" && isFinite(d.height)) {
      var h = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, d.height)));
      // The scene wants h pixels inside the frame: add the frame's own
      // border and padding when the host's CSS counts them in the height.
      var cs = window.getComputedStyle(frame), extra = 0;
      if (cs.boxSizing === "border-box")
        extra = ["borderTopWidth", "borderBottomWidth", "paddingTop", "paddingBottom"].reduce(function (sum, k) {
          return sum + (parseFloat(cs[k]) || 0);
        }, 0);
      frame.style.height = (h + extra) + "px";
      frame.setAttribute("data-dsviz-height", String(h));
    } else if (d.type === "dsviz:ready") {
      frame.setAttribute("data-dsviz-ready", typeof d.scene === "string" ? d.scene : "");
      send(frame, { type: "dsviz:theme", theme: lastTheme });
    } else if (d.type === "dsviz:state" && typeof d.scene === "string") {
      frame.setAttribute("data-dsviz-scene", d.scene);
    }
  });

  // mdBook's theme menu changes the class on <html>; another tab changes
  // the stored theme.
  var lastTheme = hostTheme();
  function themeChanged() {
    var t = hostTheme();
    if (t === lastTheme) return;
    lastTheme = t;
    frames.forEach(function (f) { send(f, { type: "dsviz:theme", theme: t }); });
  }
  new MutationObserver(themeChanged).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  window.addEventListener("storage", function (e) { if (e.key === "mdbook-theme") themeChanged(); });

  // Frames added later (a page that inserts them) are picked up too.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) {
        if (n.nodeType !== 1) return;
        if (n.matches("iframe[data-dsviz]")) adopt(n);
        else scan(n);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.dsvizEmbed = { theme: hostTheme, scan: scan, frames: function () { return frames.slice(); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
})();
