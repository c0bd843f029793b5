// embed.html: the widget alone, for an iframe. Reads the widget's settings from the query string
// (questions, lang, view, theme: the custom element's attributes, passed on as plain strings) and
// posts the content's height to the parent page whenever it changes, as
// { type: "llm-qa:height", height } — the snippet in the README sizes the iframe from it.

const ATTRIBUTES = ["questions", "lang", "view", "theme"];
const params = new URLSearchParams(location.search);
const widget = document.createElement("llm-interview-cards");
for (const name of ATTRIBUTES) {
  const value = params.get(name);
  if (value !== null) widget.setAttribute(name, value);
}
document.querySelector("main").append(widget);

if (window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      // Only a number goes out, so any parent may hear it; the parent checks where it came from.
      window.parent.postMessage({ type: "llm-qa:height", height }, "*");
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
