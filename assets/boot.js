// Runs before the first paint: decides the visitor's language the way the app will (the address
// bar's ?lang=, then the remembered choice, then the browser's languages) and marks <html> with it,
// so the stylesheet shows the matching prerendered page and nobody sees the wrong language first.
// The remembered theme (light or dark; none means the system's) goes on <html data-theme> likewise.
(function () {
  var choice = null;
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("llm-qa.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    var m = /[?&]lang=(en|zh|both)(?:&|$)/i.exec(location.search);
    if (m) choice = m[1].toLowerCase();
    if (!choice) {
      var stored = localStorage.getItem("llm-qa.lang");
      if (stored === "en" || stored === "zh" || stored === "both") choice = stored;
    }
  } catch (e) {
    // Storage can be disabled; the browser's languages still decide.
  }
  if (!choice) {
    var langs = navigator.languages || [navigator.language || "en"];
    for (var i = 0; i < langs.length && !choice; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l === "zh" || l.indexOf("zh-") === 0) choice = "zh";
      else if (l === "en" || l.indexOf("en-") === 0) choice = "en";
    }
  }
  choice = choice || "en";
  root.setAttribute("data-lang", choice);
  if (choice === "zh") root.setAttribute("lang", "zh-Hans");
})();
