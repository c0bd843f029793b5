// Runs before the first paint, inlined at the top of each page by src/bin/prerender.rs. There is one
// prerendered page per language (index.html in English, zh.html in Chinese, <html data-page>). It
// decides the visitor's language the way the app will, and if that is the other page's, goes there
// (same query and fragment, so card addresses and old ?lang= links keep working) before anything is
// painted: a Chinese reader never sees English first, and each visitor downloads one language.
// The language, in order: the address bar's ?lang=, the remembered choice, then the page itself
// for zh.html (its address asked for Chinese), then the browser's languages. "both" stays on the
// page it is on; the app adds the other language once it runs.
// The remembered theme (light or dark; none means the system's) goes on <html data-theme>, and
// hidden editor's notes on <html data-notes>.
(function () {
  var choice = null;
  var root = document.documentElement;
  var page = root.getAttribute("data-page");
  try {
    var theme = localStorage.getItem("llm-qa.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    if (localStorage.getItem("llm-qa.notes") === "hidden") root.setAttribute("data-notes", "hidden");
    var m = /[?&]lang=(en|zh|both)(?:&|$)/i.exec(location.search);
    if (m) choice = m[1].toLowerCase();
    if (!choice) {
      var stored = localStorage.getItem("llm-qa.lang");
      if (stored === "en" || stored === "zh" || stored === "both") choice = stored;
    }
  } catch (e) {
    // Storage can be disabled; the page and the browser's languages still decide.
  }
  if (!choice && page === "zh") choice = "zh";
  if (!choice) {
    var langs = navigator.languages || [navigator.language || "en"];
    for (var i = 0; i < langs.length && !choice; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l === "zh" || l.indexOf("zh-") === 0) choice = "zh";
      else if (l === "en" || l.indexOf("en-") === 0) choice = "en";
    }
  }
  choice = choice || "en";
  var wanted = choice === "both" ? page : choice;
  if (page && wanted !== page) {
    location.replace((wanted === "zh" ? "zh.html" : "./") + location.search + location.hash);
    return;
  }
  root.setAttribute("data-lang", choice);
})();
