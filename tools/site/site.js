// chapter.html's script (tools/site/build-site.mjs), loaded in <head> so the
// theme is set before the first paint. Behaves like mdBook's book.js where
// a reader would notice: the theme is a class on <html> kept in
// localStorage "mdbook-theme" (light, rust, coal, navy, ayu; navy when the
// system prefers dark), the sidebar state in "mdbook-sidebar", and left /
// right arrow keys go to the previous / next chapter when there is one.
(function () {
  "use strict";
  var THEMES = ["light", "rust", "coal", "navy", "ayu"];
  var html = document.documentElement;

  function stored(key) {
    try {
      var v = window.localStorage.getItem(key);
      return v === null ? null : v.replace(/^"|"$/g, "");
    } catch (e) { return null; }
  }
  function store(key, v) { try { window.localStorage.setItem(key, v); } catch (e) { /* storage refused */ } }

  function setTheme(theme, save) {
    if (THEMES.indexOf(theme) < 0) return;
    THEMES.forEach(function (t) { html.classList.remove(t); });
    html.classList.add(theme);
    if (save) store("mdbook-theme", theme);
    var list = document.getElementById("theme-list");
    if (list) {
      var items = list.querySelectorAll("button.theme");
      for (var i = 0; i < items.length; i++) items[i].classList.toggle("theme-selected", items[i].id === theme);
    }
  }
  var prefersDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  var first = stored("mdbook-theme");
  setTheme(THEMES.indexOf(first) >= 0 ? first : prefersDark ? "navy" : "light", false);

  var wide = window.matchMedia ? window.matchMedia("(min-width: 1080px)").matches : true;
  var side = stored("mdbook-sidebar");
  html.classList.add((side === "hidden" || (!side && !wide)) ? "sidebar-hidden" : "sidebar-visible");

  document.addEventListener("DOMContentLoaded", function () {
    setTheme(THEMES.filter(function (t) { return html.classList.contains(t); })[0], false);
    var toggle = document.getElementById("theme-toggle");
    var list = document.getElementById("theme-list");
    function showList(show) {
      list.hidden = !show;
      toggle.setAttribute("aria-expanded", show ? "true" : "false");
      if (show) {
        var sel = list.querySelector(".theme-selected") || list.querySelector("button");
        if (sel) sel.focus();
      }
    }
    toggle.addEventListener("click", function () { showList(list.hidden); });
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button.theme");
      if (!b) return;
      setTheme(b.id, true);
      showList(false);
      toggle.focus();
    });
    document.addEventListener("click", function (e) {
      if (!list.hidden && !list.contains(e.target) && !toggle.contains(e.target)) showList(false);
    });
    list.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(list.querySelectorAll("button.theme"));
      var at = items.indexOf(document.activeElement);
      if (e.key === "Escape") { showList(false); toggle.focus(); e.preventDefault(); }
      else if (e.key === "ArrowDown" && at >= 0) { items[(at + 1) % items.length].focus(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && at >= 0) { items[(at + items.length - 1) % items.length].focus(); e.preventDefault(); }
    });

    var sideToggle = document.getElementById("sidebar-toggle");
    function sidebar(show, save) {
      html.classList.toggle("sidebar-visible", show);
      html.classList.toggle("sidebar-hidden", !show);
      sideToggle.setAttribute("aria-expanded", show ? "true" : "false");
      if (save) store("mdbook-sidebar", show ? "visible" : "hidden");
    }
    sidebar(html.classList.contains("sidebar-visible"), false);
    sideToggle.addEventListener("click", function () { sidebar(!html.classList.contains("sidebar-visible"), true); });
    // On a phone the sidebar covers the page: a link in it closes it.
    document.getElementById("sidebar").addEventListener("click", function (e) {
      if (e.target.closest("a") && !window.matchMedia("(min-width: 1080px)").matches) sidebar(false, false);
    });

    // mdBook's chapter keys; nothing else is taken from the reader.
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(e.target.tagName)) return;
      var link = e.key === "ArrowLeft" ? document.querySelector("a[rel=prev]") :
                 e.key === "ArrowRight" ? document.querySelector("a[rel=next]") : null;
      if (!link) return;
      e.preventDefault();
      window.location.href = link.href;
    });
  });
})();
