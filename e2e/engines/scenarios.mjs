// The cross-engine scenarios, each written once against the driver interface of drivers.mjs. They
// follow the Playwright specs in e2e/tests (same selectors, same reference values), reduced to what
// differs between engines: loading and hydrating, search, the switches, keyboard operation of every
// explorer and the lab, storage, the service worker, the embed and the CSP.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "./drivers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- helpers that run in the page

// Finds one element. `spec` is CSS selectors joined by " >> " (look inside the element found so far)
// or " >>> " (step into its shadow root, or its iframe's document); a part may end in [[name]],
// keeping only elements of that accessible name (aria-label, aria-labelledby, label, legend or own
// text, without aria-hidden parts). The first match is taken.
const PAGE_LIB = String.raw`
  const textOf = (node) => {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || node.getAttribute("aria-hidden") === "true") return "";
    return [...node.childNodes].map(textOf).join("");
  };
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const nameOf = (e) => {
    const root = e.getRootNode();
    if (e.getAttribute("aria-label")) return norm(e.getAttribute("aria-label"));
    if (e.getAttribute("aria-labelledby"))
      return norm(e.getAttribute("aria-labelledby").split(/\s+/).map((id) => textOf(root.getElementById(id) || document)).join(" "));
    if (e.labels && e.labels.length) return norm(textOf(e.labels[0]));
    if (e.tagName === "FIELDSET" && e.querySelector("legend")) return norm(textOf(e.querySelector("legend")));
    return norm(textOf(e));
  };
  const find = (spec) => {
    let el = null;
    const parts = spec.split(/ (>>>?) /);
    for (let i = 0; i < parts.length; i += 2) {
      const m = /^([\s\S]*?)(?:\[\[([\s\S]*)\]\])?$/.exec(parts[i].trim());
      const scope = !el ? document : parts[i - 1] === ">>" ? el : el.shadowRoot || el.contentDocument;
      if (!scope) return null;
      const all = [...scope.querySelectorAll(m[1])];
      el = m[2] === undefined ? all[0] : all.find((e) => nameOf(e) === m[2]);
      if (!el) return null;
    }
    return el;
  };
  const must = (spec) => {
    const el = find(spec);
    if (!el) throw new Error("no element " + spec);
    return el;
  };
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  // The element that has focus, looking into shadow roots and same-origin frames.
  const deepActive = () => {
    let a = document.activeElement;
    while (a && (a.shadowRoot?.activeElement || a.contentDocument?.activeElement)) {
      a = a.shadowRoot?.activeElement || a.contentDocument.activeElement;
    }
    return a;
  };
`;

/** Runs `body(lib, ...args)` in the page, with `lib` = { find, must, nameOf, textOf, visible, deepActive }. */
export function inPage(d, body, ...args) {
  const fn = `(...args) => { ${PAGE_LIB}; return (${body})({ find, must, nameOf, textOf, visible, deepActive, norm }, ...args); }`;
  return d.evaluate(fn, ...args);
}

const text = (d, spec) => inPage(d, (l, s) => (l.find(s) ? l.norm(l.find(s).textContent) : null), spec);
const attr = (d, spec, name) => inPage(d, (l, s, n) => l.find(s)?.getAttribute(n) ?? null, spec, name);

/** JSON with object keys in order (engines return an object's keys in different orders). */
const canonical = (v) =>
  JSON.stringify(v, (_, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

/** Waits until `read()` equals `want` (or matches it, for a RegExp); says what it saw last on timeout. */
async function until(what, read, want, ms = 15_000) {
  const ok = (v) => (want instanceof RegExp ? typeof v === "string" && want.test(v) : canonical(v) === canonical(want));
  let last;
  try {
    await waitFor(
      what,
      async () => {
        try {
          return ok((last = await read()));
        } catch (err) {
          last = `(could not read: ${err.message.split("\n")[0]})`;
          return false;
        }
      },
      ms,
    );
  } catch {
    throw new Error(`${what}: wanted ${want instanceof RegExp ? want : JSON.stringify(want)}, saw ${JSON.stringify(last)} (after ${ms} ms)`);
  }
}

const untilText = (d, spec, want, ms) => until(`text of ${spec}`, () => text(d, spec), want, ms);
const untilAttr = (d, spec, name, want, ms) => until(`${name} of ${spec}`, () => attr(d, spec, name), want, ms);
const contains = (part) => new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** Opens `url` and waits until the app has hydrated (<html data-ready="true">). */
export async function open(d, url) {
  await d.goto(url);
  await untilAttr(d, "html", "data-ready", "true", 60_000);
}

/**
 * Scrolls an element into the middle of the viewport and clicks its centre with the mouse, once it
 * stands still: smooth scrolling and cards that lay themselves out as they come near the viewport
 * (content-visibility: auto) move it for a while after the scroll starts.
 */
export async function click(d, spec) {
  await inPage(d, (l, s) => l.must(s).scrollIntoView({ block: "center", inline: "center" }), spec);
  let last = null;
  const at = await waitFor(`${spec} to stand still`, async () => {
    const now = await inPage(
      d,
      (l, s) => {
        const el = l.must(s);
        let { x, y, width, height } = el.getBoundingClientRect();
        // Inside an iframe: add the frame's own place in the page.
        for (let w = el.ownerDocument.defaultView; w !== window && w.frameElement; w = w.parent) {
          const f = w.frameElement.getBoundingClientRect();
          x += f.x + w.frameElement.clientLeft;
          y += f.y + w.frameElement.clientTop;
        }
        return [Math.round(x + width / 2), Math.round(y + height / 2)];
      },
      spec,
    );
    const still = last && now[0] === last[0] && now[1] === last[1];
    last = now;
    return still && now;
  });
  await d.click(at[0], at[1]);
}

/**
 * Gives an element focus and checks that it is in the keyboard's tab order: after Shift+Tab, Tab comes
 * back to it. (A control that only a script can focus fails here.)
 */
export async function focus(d, spec) {
  const isActive = () => inPage(d, (l, s) => l.deepActive() === l.find(s), spec);
  const describe = () =>
    inPage(d, (l) => {
      const a = l.deepActive();
      return a ? `<${a.tagName.toLowerCase()}${a.id ? "#" + a.id : ""} class="${a.className}"> "${l.nameOf(a).slice(0, 40)}"` : "nothing";
    });
  const check = async (what, want) => {
    try {
      await until(what, isActive, want, 5_000);
    } catch (err) {
      throw new Error(`${err.message}; focus is on ${await describe()}`);
    }
  };
  const toIt = async () => {
    await inPage(d, (l, s) => l.must(s).focus(), spec);
    await check(`${spec} has focus`, true);
  };
  await toIt();
  await d.press("Shift+Tab");
  await check(`Shift+Tab leaves ${spec}`, false);
  if (await inPage(d, (l) => [null, document.body, document.documentElement].includes(l.deepActive()))) {
    // Nothing before it in the page: the way round is Tab, then Shift+Tab.
    await toIt();
    await d.press("Tab");
    await check(`Tab leaves ${spec}`, false);
    await d.press("Shift+Tab");
    await check(`Shift+Tab comes back to ${spec} (it is in the tab order)`, true);
  } else {
    await d.press("Tab");
    await check(`Tab comes back to ${spec} (it is in the tab order)`, true);
  }
}

async function pressTimes(d, key, n) {
  for (let i = 0; i < n; i++) await d.press(key);
}

/** Card `id`'s explorer, once its second-stage part has loaded: the selector of its group. */
export async function explorer(d, ctx, id) {
  await open(d, `${ctx.base}?lang=en#q${id}`);
  await untilAttr(d, `#q${id} llm-part`, "data-part", "ready", 60_000);
  await inPage(d, (l, s) => l.must(s).scrollIntoView({ block: "start" }), `#q${id} section.explorer`);
  return `#q${id} section.explorer`;
}

// ---------------------------------------------------------------- reference values

function softmax(z, t = 1) {
  const m = Math.max(...z.map((x) => x / t));
  const e = z.map((x) => Math.exp(x / t - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
const pct = (p) => `${(p * 100).toFixed(1)}%`;

/** SplitMix64 + Box–Muller, as crates/core/src/sampling/draw.rs documents them (as in explorers.spec.ts). */
function layer(seed, n) {
  const M = (1n << 64n) - 1n;
  let state = BigInt(seed);
  const next = () => {
    state = (state + 0x9e3779b97f4a7c15n) & M;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  };
  const unif = () => Number(next() >> 11n) / 2 ** 53;
  const out = [];
  for (let i = 0; i < n; i++) {
    const u1 = 1 - unif();
    const u2 = unif();
    out.push(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  }
  return out;
}

/** The independent Python reference of the tokenizer (crates/core/tests/data/explore_reference.txt). */
function bpeReference(word, merges) {
  const lines = readFileSync(resolve(HERE, "../../crates/core/tests/data/explore_reference.txt"), "utf8").split("\n");
  const prefix = `bpe.encode ${word} ${merges} `;
  const line = lines.find((x) => x.startsWith(prefix));
  if (!line) throw new Error(`no reference line ${prefix}`);
  return line.slice(prefix.length).split(" ");
}

const DARK_BG = "rgb(18, 20, 23)";
const LIGHT_BG = "rgb(247, 247, 245)";
// The "cat" prompt's logits of the sampling lab, as in crates/core/src/lab.rs.
const CAT = [4.2, 3.6, 3.3, 2.9, 2.6, 2.4, 1.9, 1.6, 1.5, 1.1, 0.7, -1.2];

// ---------------------------------------------------------------- the scenarios

/**
 * Each scenario: { name, run(d, ctx) } where ctx = { base, hold, offlineServer, engine } (run.mjs).
 * A scenario may return { skipped: "why" }. After it, the runner fails it on any console error not
 * matched by its `allowErrors`.
 */
export const SCENARIOS = [];
const scenario = (name, run, extra = {}) => SCENARIOS.push({ name, run, ...extra });

for (const lang of ["en", "zh"]) {
  scenario(`the ${lang} page is prerendered, then hydrated`, async (d, ctx) => {
    // The wasm is held back by the front server: what shows meanwhile is the prerendered HTML.
    const release = ctx.hold();
    try {
      await d.goto(`${ctx.base}?lang=${lang}`);
      await until(
        "50 prerendered cards before the wasm",
        () =>
          inPage(d, (l) => ({
            cards: [...document.querySelectorAll("#app article.card")].filter(l.visible).length,
            ready: document.documentElement.dataset.ready ?? null,
          })),
        { cards: 50, ready: null },
        30_000,
      );
      await untilAttr(d, "[data-prerender]", "data-prerender", lang);
      await untilAttr(d, "html", "lang", lang === "en" ? "en" : "zh-Hans");
      if (lang === "zh") {
        // Sent to the Chinese page (by boot.js, before the first paint).
        await until("the Chinese page", () => d.evaluate(() => location.pathname), "/zh.html");
      }
    } finally {
      release();
    }
    await untilAttr(d, "html", "data-ready", "true", 60_000);
    await untilText(d, "#q2 .card__q", lang === "en" ? /attention mechanism/ : /注意力机制/);
    // Hydrated nodes are live: a card opens.
    await click(d, "#q5 summary.card__summary");
    await until("card 5 open", () => inPage(d, (l) => l.visible(document.querySelector("#q5 .card__answers"))), true);
  });
}

scenario("search filters, ranks and highlights", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en`);
  await d.press("/");
  await until("/ focuses the search", () => inPage(d, (l) => l.deepActive()?.type), "search");
  await d.type("temperature");
  const first = () => inPage(d, (l) => [...document.querySelectorAll("article.card")].find(l.visible)?.id ?? null);
  await until("the first card shown", first, "q6");
  await untilText(d, "#q6 .card__q mark", /^temperature$/i);
  await until("an answer excerpt highlighted", () => inPage(d, (l) => l.visible(document.querySelector("#q6 .card__excerpt mark"))), true);
  const count = await text(d, "[role=status]#search-count");
  const n = Number(/^(\d+) of 50$/.exec(count)?.[1]);
  if (!(n > 0 && n < 50)) throw new Error(`result count ${count}`);
  await until("as many cards as the count", () => inPage(d, (l) => [...document.querySelectorAll("article.card")].filter(l.visible).length), n);
  await d.press("Escape");
  await untilText(d, "#search-count", "50 of 50");
});

scenario("the language switch changes cards, chrome and lang attributes", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en`);
  await click(d, "fieldset[data-testid=lang-toggle] label[[中文]]");
  await untilAttr(d, "html", "lang", "zh-Hans");
  await untilText(d, "#q2 .card__q", contains("注意力机制在 Transformer 模型中是如何工作的"));
  await untilAttr(d, "#q2 .card__q", "lang", "zh-Hans");
  await until("the language group's name", () => inPage(d, (l) => l.nameOf(document.querySelector("[data-testid=lang-toggle]"))), "语言");
  // Back by keyboard: arrows move within the radio group.
  await focus(d, "fieldset[data-testid=lang-toggle] input[value=zh]");
  await d.press("ArrowLeft");
  await untilAttr(d, "html", "lang", "en");
  await untilText(d, "#q2 .card__q", contains("How does the attention mechanism function"));
});

scenario("the theme switch recolours the page (light-dark()) and is remembered", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en`);
  const bg = () => d.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await click(d, "fieldset[data-testid=theme-toggle] label[[Dark]]");
  await untilAttr(d, "html", "data-theme", "dark");
  await until("a dark background", bg, DARK_BG);
  await click(d, "fieldset[data-testid=theme-toggle] label[[Light]]");
  await untilAttr(d, "html", "data-theme", "light");
  await until("a light background", bg, LIGHT_BG);
  await click(d, "fieldset[data-testid=theme-toggle] label[[Dark]]");
  await until("a dark background", bg, DARK_BG);
  await open(d, `${ctx.base}zh.html?lang=zh`);
  await untilAttr(d, "html", "data-theme", "dark");
  await until("still dark on the Chinese page", bg, DARK_BG);
  // Text stays readable: the card text colour is not the background's.
  const fg = await d.evaluate(() => getComputedStyle(document.querySelector("#q1 .card__q")).color);
  if (fg === DARK_BG) throw new Error("card text has the background's colour");
});

scenario("a card opened by its address (#q23) shows its formula as MathML", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en#q23`);
  await until("card 23 open", () => inPage(d, (l) => l.visible(document.querySelector("#q23 .card__answers"))), true);
  await until(
    "a MathML fraction with a size",
    () => inPage(d, () => {
      const f = document.querySelector("#q23 .card__answers math mfrac");
      const r = f?.getBoundingClientRect();
      return !!r && r.width > 0 && r.height > 0;
    }),
    true,
  );
  await until("no TeX source shown", () => inPage(d, () => document.querySelector("#q23 .card__answers").textContent.includes("\\frac")), false);
  await until(
    "card 23 in the viewport",
    () => inPage(d, () => {
      const r = document.querySelector("#q23").getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    }),
    true,
  );
});

// ---- every explorer, by keyboard, with a number checked against a value computed here

scenario("softmax explorer (card 23) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 23);
  const t = `${x} input[type=range][[Temperature T]]`;
  await focus(d, t);
  await pressTimes(d, "ArrowLeft", 5);
  await untilAttr(d, t, "aria-valuetext", "0.5");
  const line = () => inPage(d, (l, s) => [...l.must(s).querySelectorAll("li")].map((li) => li.textContent).find((s) => s.startsWith("p(cat)")), x);
  await until("p(cat) at T = 0.5", line, contains(`= ${softmax([2, 1, 0.1, -1], 0.5)[0].toFixed(4)}`));
  const cat = `${x} input[type=number][[cat]]`;
  await focus(d, cat);
  await d.press("Control+a");
  await d.type("3");
  await until("p(cat) with a typed score", line, contains(`= ${softmax([3, 1, 0.1, -1], 0.5)[0].toFixed(4)}`));
  await d.press("ArrowUp");
  await until("p(cat) after ArrowUp", line, contains(`= ${softmax([3.1, 1, 0.1, -1], 0.5)[0].toFixed(4)}`));
});

scenario("cross-entropy explorer (card 25) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 25);
  const p = `${x} input[type=range][[Probability of the true token]]`;
  await focus(d, p);
  await pressTimes(d, "ArrowLeft", 25);
  await untilAttr(d, p, "aria-valuetext", "0.25");
  await untilText(d, `${x} dl`, contains((-Math.log(0.25)).toFixed(3)));
  await untilText(d, `${x} dl`, contains((-1 / 0.25).toFixed(2)));
});

scenario("KL divergence explorer (card 29) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 29);
  const kl = (a, b) => {
    const sa = a.reduce((s, v) => s + v, 0);
    const sb = b.reduce((s, v) => s + v, 0);
    let out = 0;
    a.forEach((v, i) => {
      const [pa, pb] = [v / sa, b[i] / sb];
      if (pa > 0) out += pb === 0 ? Infinity : pa * Math.log(pa / pb);
    });
    return out;
  };
  const P = [60, 25, 10, 5];
  const Q = [30, 30, 30, 10];
  await untilText(d, `${x} dl`, contains(kl(P, Q).toFixed(4)));
  const sun = `${x} :is(fieldset, [role=group])[[P (the truth)]] >> input[type=range][[sun]]`;
  await focus(d, sun);
  await pressTimes(d, "ArrowRight", 5);
  P[0] = 65;
  await untilText(d, `${x} dl`, contains(kl(P, Q).toFixed(4)));
  await untilText(d, `${x} dl`, contains(kl(Q, P).toFixed(4)));
});

scenario("ReLU explorer (card 30) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 30);
  const dead = (mean) => layer(1, 64).filter((v) => mean + v <= 0).length;
  const cell = (n) => `${n} / 64 (${pct(n / 64)})`;
  const reluCell = () =>
    inPage(d, (l, s) => {
      const row = [...l.must(s).querySelectorAll("tr")].find((r) => l.norm(r.querySelector("th")?.textContent || "") === "ReLU");
      return row ? l.norm(row.querySelector("td").textContent) : null;
    }, x);
  await until("dead ReLU units at μ = 0", reluCell, cell(dead(0)));
  const mean = `${x} input[type=range][[Mean pre-activation μ]]`;
  await focus(d, mean);
  await pressTimes(d, "ArrowRight", 5);
  await untilAttr(d, mean, "aria-valuetext", "0.5");
  await until("dead ReLU units at μ = 0.5", reluCell, cell(dead(0.5)));
});

scenario("positional encoding explorer (card 21) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 21);
  const dot = (off, dim) => {
    let s = 0;
    for (let i = 0; i < dim / 2; i++) s += Math.cos(off * Math.pow(10000, (-2 * i) / dim));
    return s;
  };
  const pos = `${x} input[type=range][[Compare position]]`;
  await focus(d, pos);
  await d.press("ArrowRight");
  await untilAttr(d, pos, "aria-valuetext", "6");
  const readout = (label) =>
    inPage(d, (l, s, lab) => l.norm([...l.must(s).querySelectorAll("dl div")].find((e) => e.textContent.includes(lab))?.textContent || ""), x, label);
  await until("PE(6)·PE(7)", () => readout("PE(6)·PE(7)"), contains(dot(1, 32).toFixed(3)));
  const width = `${x} input[type=range][[Model width d]]`;
  await focus(d, width);
  await pressTimes(d, "ArrowLeft", 2);
  await untilAttr(d, width, "aria-valuetext", "28");
  await until("PE(6)·PE(7) at d = 28", () => readout("PE(6)·PE(7)"), contains(dot(1, 28).toFixed(3)));
});

scenario("beam search explorer (card 5) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 5);
  const main = () => inPage(d, (l, s) => l.norm([...l.must(s).querySelectorAll("li")].find((e) => /log p/.test(e.textContent))?.textContent || ""), x);
  await until("width 2", main, contains(`log p = ${Math.log(0.4 * 0.9 * 0.35).toFixed(3)}`));
  const w = `${x} input[type=range][[Beam width]]`;
  await focus(d, w);
  await d.press("ArrowRight");
  await until("width 3 finds the best sequence", main, contains("The nice house ."));
  await until("its log p", main, contains(`log p = ${Math.log(0.5 * 0.3 * 0.9).toFixed(3)}`));
  await d.press("Home");
  await until("greedy", main, contains(`log p = ${Math.log(0.5 * 0.45 * 0.4).toFixed(3)}`));
});

scenario("attention explorer (card 2) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 2);
  const chased = `${x} input[type=radio][[chased]]`;
  await until("'chased' is the query", () => inPage(d, (l, s) => l.must(s).checked, chased), true);
  await focus(d, chased);
  await d.press("ArrowRight");
  await until("'the' is the query", () => inPage(d, (l, s) => l.must(s).checked, `${x} input[type=radio][[the]]`), true);
  const raw = [0, 1, 2, 3, 4].map((j) => 6 * Math.cos(((3 - 1 - j) * Math.PI) / 3));
  const cells = () =>
    inPage(d, (l, s) => {
      const row = [...l.must(s).querySelectorAll("tr")].find((r) => l.norm(r.querySelector("th")?.textContent || "") === "Head 1: previous word");
      return row ? [...row.querySelectorAll("td")].map((c) => l.norm(c.textContent)) : null;
    }, x);
  await until("head 1's weights, scaled", cells, softmax(raw, 2).map(pct));
  const scaled = `${x} input[type=checkbox][[Divide the scores by √d_k (d_k = 4)]]`;
  await focus(d, scaled);
  await d.press("Space");
  await until("unchecked", () => inPage(d, (l, s) => l.must(s).checked, scaled), false);
  await until("head 1's weights, unscaled", cells, softmax(raw, 1).map(pct));
});

scenario("tokenizer explorer (card 16) by keyboard", async (d, ctx) => {
  const x = await explorer(d, ctx, 16);
  const box = `${x} input[[Text to tokenize]]`;
  await focus(d, box);
  await d.press("Control+a");
  await d.type("tokenization");
  const chips = () => inPage(d, (l, s) => [...l.must(s).querySelectorAll(".xtokens__word li")].map((c) => l.norm(c.textContent)), x);
  await until("the reference's split at 300 merges", chips, bpeReference("tokenization", 300));
  const merges = `${x} input[type=range][[Merges learned]]`;
  await focus(d, merges);
  await d.press("End");
  await until("the reference's split at 500 merges", chips, bpeReference("tokenization", 500));
});

scenario("the sampling lab by keyboard", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en`);
  await inPage(d, () => document.querySelector("#lab").scrollIntoView());
  await untilAttr(d, "#lab llm-part", "data-part", "ready", 60_000);
  const t = "#lab input[type=range][[Temperature]]";
  await focus(d, t);
  await pressTimes(d, "ArrowLeft", 10);
  await untilAttr(d, t, "aria-valuetext", "0.50");
  const percent = (p) => `${(Math.round(p * 1000) / 10).toFixed(1)}%`; // as the lab rounds
  await untilText(d, "#lab .chart__value", percent(softmax(CAT, 0.5)[0]));
  await untilText(d, "#lab .lab__explain", /sharpens/);
  const sample = "#lab button[[Sample 100]]";
  await focus(d, sample);
  await d.press("Enter");
  await until("a histogram", () => inPage(d, (l) => l.visible(document.querySelector("#lab .histogram li"))), true);
});

scenario("study marks are kept across a reload", async (d, ctx) => {
  await open(d, `${ctx.base}?lang=en`);
  await click(d, "#q3 button.mark[[Known]]");
  await untilAttr(d, "#q3 button.mark[[Known]]", "aria-pressed", "true");
  await focus(d, "#q7 button.mark[[Star]]");
  await d.press("Enter");
  await untilAttr(d, "#q7 button.mark[[Star]]", "aria-pressed", "true");
  await untilText(d, ".study__progress", "1 / 50 known");
  await d.reload();
  await untilAttr(d, "html", "data-ready", "true", 60_000);
  await untilAttr(d, "#q3 button.mark[[Known]]", "aria-pressed", "true");
  await untilAttr(d, "#q7 button.mark[[Star]]", "aria-pressed", "true");
  await untilText(d, ".study__progress", "1 / 50 known");
  await click(d, "[role=group][aria-label=Study] button[[Starred]]");
  await until("only card 7 shown", () => inPage(d, (l) => [...document.querySelectorAll("article.card")].filter(l.visible).map((c) => c.id)), ["q7"]);
});

scenario("offline after one visit (service worker)", async (d, ctx) => {
  // Its own server (no probe script, which the worker would cache), stopped to go offline.
  const server = await ctx.offlineServer();
  try {
    await d.goto(server.url + "?lang=en");
    if (!(await d.evaluate(() => "serviceWorker" in navigator))) return { skipped: "no service workers in this engine" };
    await untilAttr(d, "html", "data-ready", "true", 60_000);
    await until("a service worker controls the page", () => d.evaluate(() => navigator.serviceWorker.controller !== null), true, 60_000);
  } finally {
    await server.close();
  }
  await d.reload();
  await untilAttr(d, "html", "data-ready", "true", 60_000);
  await until("50 cards offline", () => inPage(d, (l) => [...document.querySelectorAll("article.card")].filter(l.visible).length), 50);
  // The second stage (explorers) comes from the worker's cache too.
  await click(d, "#q23 summary.card__summary");
  await untilAttr(d, "#q23 llm-part", "data-part", "ready", 60_000);
  const t = "#q23 section.explorer input[type=range][[Temperature T]]";
  await focus(d, t);
  await d.press("ArrowLeft");
  await untilAttr(d, t, "aria-valuetext", "0.9");
});

scenario("the embed: custom element and iframe on the hostile blog page", async (d, ctx) => {
  await d.goto(`${ctx.base}blog-example.html`);
  const count = (spec) => inPage(d, (l, s) => (l.find(s) ? l.find(s).querySelectorAll("article.card").length : 0), spec);
  const inShadow = "llm-interview-cards#first >>> .embed";
  // The iframe loads lazily: bring it near the viewport, as a reader scrolling down would (again on
  // every look, as the widgets above it grow when they render).
  const scrolled = (spec) => inPage(d, (l, s) => (document.querySelector("iframe#frame").scrollIntoView(), l.find(s) ? l.find(s).querySelectorAll("article.card").length : 0), spec);
  await until("two cards in the first element", () => count(inShadow), 2, 60_000);
  await until("one card in the second", () => count("llm-interview-cards#second >>> .embed"), 1, 60_000);
  // embed.html holds one <llm-interview-cards> of its own.
  const inFrame = "iframe#frame >>> llm-interview-cards >>> .embed";
  await until("card 5 in the iframe", () => scrolled(inFrame), 1, 60_000);
  await untilText(d, `${inShadow} article#q6 .card__title`, "What role does temperature play in controlling LLM output?");
  // The hostile page's own styles stop at the shadow root: the title is not upper-cased by it.
  await until(
    "page styles kept out",
    () => inPage(d, (l, s) => getComputedStyle(l.must(s)).textTransform, `${inShadow} article#q6 .card__title`),
    "none",
  );
  // A card in the shadow root opens by keyboard; one in the iframe by a click.
  await focus(d, `${inShadow} article#q6 summary.card__summary`);
  await d.press("Enter");
  await until("card 6 open in the element", () => inPage(d, (l, s) => l.visible(l.find(s)), `${inShadow} article#q6 .answer`), true);
  await click(d, `${inFrame} >> article#q5 summary.card__summary`);
  await until("the iframe's card open", () => inPage(d, (l, s) => l.visible(l.find(s)), `${inFrame} >> article#q5 .answer`), true);
});

scenario(
  "the Content-Security-Policy blocks an injected script",
  async (d, ctx) => {
    await open(d, `${ctx.base}?lang=en`);
    const policy = await attr(d, 'meta[http-equiv="Content-Security-Policy"]', "content");
    if (!/script-src 'self' 'wasm-unsafe-eval'/.test(policy || "")) throw new Error(`policy: ${policy}`);
    await d.evaluate(() => {
      window.__violated = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violated.push(e.effectiveDirective));
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.append(s);
      const div = document.createElement("div");
      div.id = "__styled";
      div.setAttribute("style", "color: rgb(1, 2, 3)");
      document.body.append(div);
    });
    await until("the violations reported", () => d.evaluate(() => window.__violated.length >= 2), true);
    const outcome = await d.evaluate(() => ({
      script: !!window.__injected,
      style: getComputedStyle(document.getElementById("__styled")).color === "rgb(1, 2, 3)",
      directives: [...new Set(window.__violated.map((v) => v.replace(/-(elem|attr)$/, "")))].sort(),
    }));
    const want = { script: false, style: false, directives: ["script-src", "style-src"] };
    if (JSON.stringify(outcome) !== JSON.stringify(want)) throw new Error(`wanted ${JSON.stringify(want)}, got ${JSON.stringify(outcome)}`);
  },
  // The blocked attempts are reported as errors, which is the point.
  { allowErrors: /Content.Security.Policy|content security policy|inline script|style attribute/i },
);
