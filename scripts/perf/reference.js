// The vanilla-JavaScript reference for scripts/perf.mjs (issue 15, point 5): the app's two measured
// interactions written directly against the DOM of the static bilingual baseline page
// (target/perf-baseline/index.html), so that the same measuring procedure can run on both:
//
//   #search  a search box: on every `input` event it filters, ranks, reorders and highlights the
//            page's 50 <article> cards, in both languages, as the app's search does;
//   #lab-t   a temperature slider under the cards: on every `input` event it redraws a chart of
//            the lab's "cat" prompt (12 candidate tokens): softmax of fixed logits at temperature T,
//            as bars with percentage labels, a cumulative line and a table, as the app's lab does.
//
// It is injected by perf.mjs (page.addScriptTag) once the page has loaded, builds its index and its
// controls (not measured), and sets <html data-reference="ready">. It is meant as the practical
// limit of the browser's own work for these interactions: plain DOM calls, nothing rebuilt that can
// be updated in place, no framework.
(() => {
  "use strict";

  // ---------------------------------------------------------------------------------------------
  // Constants

  // As the app's cards, the page's cards are not styled or laid out while off screen.
  const CSS = `
    body > article { content-visibility: auto; contain-intrinsic-size: auto 30rem }
    #search { font: inherit; width: 100%; padding: .4rem; box-sizing: border-box }
    .ref-excerpt { color: #444; font-size: .95em }
    #lab svg { width: 100%; max-width: 40rem; height: auto }
    #lab .before { fill: none; stroke: #888 } #lab .after { fill: #2563eb } #lab .cum { fill: none; stroke: #c2410c }
  `;
  // Field weights: a hit in a question counts three times one in an answer (as the app's BM25F).
  const WEIGHT = { title: 3, answer: 1 };
  // A word found by completion of the last, still-typed query word counts less than the word itself.
  const PREFIX_WEIGHT = 0.75;
  const PREFIX_MIN = 2;
  // Term-frequency saturation (BM25's k1).
  const K1 = 1.2;
  // Excerpt of the answer shown under a matching card, per language, in characters.
  const EXCERPT = 160;
  // The lab's "cat" prompt: (token, logit), from crates/core/src/lab.rs.
  const TOKENS = [
    ["mat", 4.2], ["sofa", 3.6], ["floor", 3.3], ["bed", 2.9], ["chair", 2.6], ["windowsill", 2.4],
    ["roof", 1.9], ["keyboard", 1.6], ["table", 1.5], ["grass", 1.1], ["fence", 0.7], ["moon", -1.2],
  ];
  const CHART = { row: 26, label: 96, bar: 260, top: 22 };
  const SVG = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------------------------------------
  // Text: words (lowercased runs of letters and digits) and CJK bigrams

  const WORD = /[\p{L}\p{N}]+/gu;
  const HAN = /\p{Script=Han}/u;

  /** A query's terms: Latin words as they are, runs of Chinese as bigrams (or one character). */
  function queryTerms(query) {
    const terms = [];
    for (const [run] of query.toLowerCase().matchAll(WORD)) {
      if (!HAN.test(run)) terms.push({ text: run, cjk: false });
      else if (run.length === 1) terms.push({ text: run, cjk: true });
      else for (let i = 0; i + 1 < run.length; i++) terms.push({ text: run.slice(i, i + 2), cjk: true });
    }
    const seen = new Set();
    const unique = terms.filter((t) => !seen.has(t.text) && seen.add(t.text));
    // Completion is allowed for the last word only: the one being typed.
    unique.forEach((t, i) => (t.prefix = !t.cjk && i === unique.length - 1 && t.text.length >= PREFIX_MIN));
    return unique;
  }

  /** Occurrences of `needle` in `hay` (Chinese terms: substrings). */
  function countSubstring(hay, needle) {
    let n = 0;
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
    return n;
  }

  /** Weighted, saturated frequency of one term in one field (0 when absent). */
  function fieldScore(field, term) {
    let tf = 0;
    if (term.cjk) tf = countSubstring(field.lower, term.text);
    else {
      for (const w of field.words) {
        if (w === term.text) tf += 1;
        else if (term.prefix && w.startsWith(term.text)) tf += PREFIX_WEIGHT;
      }
    }
    return tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1);
  }

  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  /** One regular expression per term, for highlighting in the original (not lowercased) text. */
  function markers(terms) {
    return terms.map((t) => {
      const body = escapeRe(t.text);
      if (t.cjk) return new RegExp(body, "gu");
      const edge = "(?<![\\p{L}\\p{N}])";
      return new RegExp(t.prefix ? `${edge}${body}[\\p{L}\\p{N}]*` : `${edge}${body}(?![\\p{L}\\p{N}])`, "giu");
    });
  }

  /** The matched ranges of `text`, sorted and merged. */
  function ranges(text, res) {
    const rs = [];
    for (const re of res) for (const m of text.matchAll(re)) rs.push([m.index, m.index + m[0].length]);
    rs.sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const r of rs) {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r);
    }
    return out;
  }

  /** `text` as text nodes and <mark> elements, in a fragment. */
  function marked(text, rs) {
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [a, b] of rs) {
      if (a > at) frag.append(text.slice(at, a));
      const m = document.createElement("mark");
      m.textContent = text.slice(a, b);
      frag.append(m);
      at = b;
    }
    if (at < text.length) frag.append(text.slice(at));
    return frag;
  }

  // ---------------------------------------------------------------------------------------------
  // The cards, read once from the page

  const field = (text) => ({ text, lower: text.toLowerCase(), words: text.toLowerCase().match(WORD) ?? [] });
  const cards = [...document.querySelectorAll("body > article")].map((el, i) => ({
    el,
    id: i + 1,
    langs: [...el.querySelectorAll(":scope > section")].map((section) => {
      const h2 = section.querySelector("h2");
      const answer = [...section.children].filter((c) => c !== h2).map((c) => c.textContent).join(" ");
      return { section, h2, title: field(h2.textContent), answer: field(answer), excerpt: null };
    }),
    highlighted: false,
  }));
  const list = cards[0].el.parentNode;
  const start = document.createComment("cards");
  list.insertBefore(start, cards[0].el);

  // ---------------------------------------------------------------------------------------------
  // Search: filter, rank, reorder, highlight

  /** Cards matching every term, best first; when none does, those matching the most terms. */
  function rank(terms) {
    if (terms.length === 0) return { hits: cards.map((card) => ({ card })), partial: false };
    const scored = cards.map((card) => ({ card, score: 0, matched: 0, per: new Array(terms.length).fill(0) }));
    terms.forEach((term, t) => {
      for (const s of scored) {
        for (const l of s.card.langs) {
          s.per[t] += WEIGHT.title * fieldScore(l.title, term) + WEIGHT.answer * fieldScore(l.answer, term);
        }
      }
      // Rarer terms weigh more (inverse document frequency).
      const df = scored.filter((s) => s.per[t] > 0).length;
      const idf = Math.log(1 + (cards.length - df + 0.5) / (df + 0.5));
      for (const s of scored) {
        if (s.per[t] === 0) continue;
        s.score += idf * s.per[t];
        s.matched += 1;
      }
    });
    const best = Math.max(...scored.map((s) => s.matched));
    const hits = best === 0 ? [] : scored.filter((s) => s.matched === best);
    hits.sort((a, b) => b.score - a.score || a.card.id - b.card.id);
    return { hits, partial: best > 0 && best < terms.length };
  }

  /** Undoes a card's highlights: the questions' plain text back, the excerpts removed. */
  function unhighlight(card) {
    for (const l of card.langs) {
      l.h2.textContent = l.title.text;
      l.excerpt?.remove();
      l.excerpt = null;
    }
    card.highlighted = false;
  }

  /** Marks the matches in a card's questions, and adds an answer excerpt around the first match. */
  function highlight(card, res) {
    for (const l of card.langs) {
      l.h2.replaceChildren(marked(l.title.text, ranges(l.title.text, res)));
      const rs = ranges(l.answer.text, res);
      if (rs.length === 0) continue;
      const from = Math.max(0, rs[0][0] - EXCERPT / 4);
      const to = Math.min(l.answer.text.length, from + EXCERPT);
      const text = l.answer.text.slice(from, to);
      const inside = rs.filter(([a, b]) => a >= from && b <= to).map(([a, b]) => [a - from, b - from]);
      l.excerpt = document.createElement("p");
      l.excerpt.className = "ref-excerpt";
      l.excerpt.append(from > 0 ? "…" : "", marked(text, inside), to < l.answer.text.length ? "…" : "");
      l.h2.after(l.excerpt);
    }
    card.highlighted = true;
  }

  /** Puts the cards in `order` after the start marker, moving only those out of place. */
  function reorder(order) {
    let at = start;
    for (const card of order) {
      if (at.nextSibling !== card.el) list.insertBefore(card.el, at.nextSibling);
      at = card.el;
    }
  }

  function onSearch(query) {
    const terms = queryTerms(query);
    const { hits, partial } = rank(terms);
    const shown = new Set(hits.map((h) => h.card));
    const res = markers(terms);
    for (const card of cards) {
      if (card.highlighted) unhighlight(card);
      const hide = !shown.has(card);
      if (card.el.hidden !== hide) card.el.hidden = hide;
    }
    if (terms.length > 0) for (const h of hits) highlight(h.card, res);
    reorder([...hits.map((h) => h.card), ...cards.filter((c) => !shown.has(c))]);
    status.textContent = terms.length === 0 ? `${cards.length} questions` : `${hits.length} of ${cards.length}${partial ? " (closest)" : ""}`;
  }

  // ---------------------------------------------------------------------------------------------
  // The lab: a temperature slider and its chart

  function softmax(logits, t) {
    if (t <= 0) {
      const top = logits.indexOf(Math.max(...logits));
      return logits.map((_, i) => (i === top ? 1 : 0));
    }
    const max = Math.max(...logits);
    const e = logits.map((l) => Math.exp((l - max) / t));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  }

  const percent = (p) => `${(p * 100).toFixed(1)}%`;
  const svgEl = (name, attrs, text) => {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  };

  /** Builds the chart and table once; returns the function that redraws them for a temperature. */
  function buildLab(host) {
    const logits = TOKENS.map((t) => t[1]);
    const before = softmax(logits, 1);
    const { row, label, bar, top } = CHART;
    const height = top + row * TOKENS.length + 8;
    const svg = svgEl("svg", { viewBox: `0 0 ${label + bar + 44} ${height}`, role: "img", "aria-label": "Next-token probabilities" });
    const axisMax = svg.appendChild(svgEl("text", { x: label + bar, y: 14, "text-anchor": "end" }, ""));
    svg.append(svgEl("text", { x: label, y: 14 }, "0"));
    const rows = TOKENS.map(([token], r) => {
      const y = top + row * r;
      svg.append(svgEl("text", { x: label - 6, y: y + 17, "text-anchor": "end" }, token));
      return {
        before: svg.appendChild(svgEl("rect", { class: "before", x: label, y: y + 3, height: 7, width: 0 })),
        after: svg.appendChild(svgEl("rect", { class: "after", x: label, y: y + 11, height: 11, width: 0 })),
        value: svg.appendChild(svgEl("text", { y: y + 20 }, "")),
      };
    });
    const cumulative = svg.appendChild(svgEl("polyline", { class: "cum", points: "" }));
    const caption = document.createElement("p");
    const table = document.createElement("table");
    table.innerHTML = "<thead><tr><th>token</th><th>T = 1</th><th>at T</th></tr></thead>";
    const body = table.appendChild(document.createElement("tbody"));
    const cells = TOKENS.map(([token]) => {
      const tr = body.appendChild(document.createElement("tr"));
      tr.appendChild(document.createElement("th")).textContent = token;
      const b = tr.appendChild(document.createElement("td"));
      return { before: b, after: tr.appendChild(document.createElement("td")) };
    });
    host.append(svg, caption, table);

    return (t) => {
      const after = softmax(logits, t);
      const max = Math.max(...before, ...after);
      const x = (p) => (bar * p) / max;
      let cum = 0;
      const points = [];
      rows.forEach((r, i) => {
        r.before.setAttribute("width", x(before[i]).toFixed(1));
        r.after.setAttribute("width", Math.max(1, x(after[i])).toFixed(1));
        r.value.setAttribute("x", (label + x(after[i]) + 4).toFixed(1));
        r.value.textContent = percent(after[i]);
        cells[i].before.textContent = percent(before[i]);
        cells[i].after.textContent = percent(after[i]);
        cum += after[i];
        points.push(`${(label + bar * Math.min(1, cum)).toFixed(1)},${(top + row * i + row / 2).toFixed(1)}`);
      });
      cumulative.setAttribute("points", points.join(" "));
      axisMax.textContent = percent(max);
      caption.textContent = `At T = ${t.toFixed(2)}, "${TOKENS[0][0]}" gets ${percent(after[0])} of the probability.`;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Controls: the search box above the cards, the lab below them

  document.head.append(Object.assign(document.createElement("style"), { textContent: CSS }));
  const search = Object.assign(document.createElement("input"), { id: "search", type: "search", placeholder: "Search" });
  search.setAttribute("aria-label", "Search the questions");
  const status = Object.assign(document.createElement("p"), { id: "ref-status" });
  status.setAttribute("aria-live", "polite");
  const header = document.createElement("div");
  header.append(search, status);
  list.insertBefore(header, start);

  const lab = Object.assign(document.createElement("section"), { id: "lab" });
  const slider = Object.assign(document.createElement("input"), { id: "lab-t", type: "range", min: "0", max: "2", step: "0.05", value: "1" });
  slider.setAttribute("aria-label", "Temperature");
  const chart = document.createElement("figure");
  lab.append(Object.assign(document.createElement("h2"), { textContent: "Sampling lab" }), slider, chart);
  list.append(lab);

  const redraw = buildLab(chart);
  redraw(Number(slider.value));
  onSearch("");
  search.addEventListener("input", () => onSearch(search.value));
  slider.addEventListener("input", () => redraw(Number(slider.value)));
  document.documentElement.dataset.reference = "ready";
})();
