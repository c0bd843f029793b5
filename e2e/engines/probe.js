// Put first into every page the cross-engine suite's front server serves (run.mjs), as a same-origin
// script, which the pages' Content-Security-Policy allows. It records what a browser's console would
// show as an error, for engines whose driver cannot read the console (classic WebDriver): calls to
// console.error, uncaught exceptions and rejections, resources that failed to load, and
// Content-Security-Policy violations. A frame's records go to the top page when it may reach it.
(() => {
  let sink;
  try {
    sink = window.top.__engineErrors || (window.top.__engineErrors = []);
  } catch {
    sink = window.__engineErrors || (window.__engineErrors = []);
  }
  const where = location.pathname.split("/").pop() || "index";
  const original = console.error;
  console.error = function (...args) {
    sink.push(`console.error (${where}): ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ")}`);
    return original.apply(this, args);
  };
  addEventListener(
    "error",
    (e) => {
      if (e instanceof ErrorEvent) sink.push(`page error (${where}): ${e.message}`);
      else if (e.target && e.target !== window) sink.push(`failed to load (${where}): ${e.target.src || e.target.href || e.target.tagName}`);
    },
    true,
  );
  addEventListener("unhandledrejection", (e) => sink.push(`unhandled rejection (${where}): ${e.reason}`));
  document.addEventListener("securitypolicyviolation", (e) =>
    sink.push(`Content-Security-Policy (${where}): ${e.effectiveDirective} blocked ${e.blockedURI}`),
  );
})();
