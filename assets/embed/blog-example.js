// The iframe-sizing snippet, as the Embed control and the README give it (with this page's origin):
// heights are taken only from our origin and only from the frame that sent them.
addEventListener("message", (e) => {
  const h = e.data && e.data.type === "llm-qa:height" && Number(e.data.height);
  if (e.origin !== location.origin || !(h > 0 && h < 100000)) return;
  for (const f of document.querySelectorAll("iframe[data-llm-qa]"))
    if (f.contentWindow === e.source) f.style.height = Math.ceil(h) + "px";
});
