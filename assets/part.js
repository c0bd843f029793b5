// <llm-part>: the app's second stage, loaded on demand. The first stage (reading, search, study
// marks) puts an element where a sampling lab or an explorer goes; this script fetches the second
// stage's wasm once, when the first part is put on the page (one with loading="lazy": when it comes
// near the viewport; on the app's own page also in idle time once the page has settled), and mounts
// each part inside its element.
//
//   <llm-part kind="explorer" card="23" language="zh" state="sm.t=2"></llm-part>
//
// Attributes in: loading ("lazy": wait until it is near the viewport), kind (lab | explorer), card (the question the part belongs to), language (en | zh |
// both; not `lang`, whose values are language tags), state (the part's URL keys), and the texts of the placeholder: data-loading, data-failed,
// data-retry. Out: an `llm-part-change` event whose detail is the part's new state. The element's
// `data-part` attribute says where it is: loading, ready or failed (with a Retry button).
// scripts/parts.mjs fills in this build's file names below.

const PARTS_JS = "__PARTS_JS__";
const PARTS_WASM = "__PARTS_WASM__";
const PARTS_CSS = "__PARTS_CSS__";
const TAG = "llm-part";
const CHANGE = "llm-part-change";

const base = new URL(".", import.meta.url);
let glue = null; // the second stage's JavaScript module, once imported
let ready = null; // the second stage, initialised
let attempt = 0;

/** The second stage's module, initialised once for every part on the page. */
export function loadParts() {
  ready ??= (async () => {
    // A failed import is remembered for its URL: a retry asks under another one.
    const url = new URL(PARTS_JS, base);
    if (attempt > 0) url.search = `retry=${attempt}`;
    glue ??= import(url.href).catch((error) => {
      glue = null;
      throw error;
    });
    const module = await glue;
    await module.default({ module_or_path: new URL(PARTS_WASM, base) });
    return module;
  })().catch((error) => {
    ready = null;
    attempt += 1;
    throw error;
  });
  return ready;
}

let sheet = null; // the parts' stylesheet in the document's <head>, loaded

/**
 * The parts' styles, for parts in the document itself: a stylesheet of the second stage, added to
 * <head> once. (Parts in an embed's shadow root have them in the embed's own stylesheet, and nothing
 * is added to the host page.) Resolves once it has loaded, so that no part shows unstyled.
 */
function loadStyles() {
  sheet ??= new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(PARTS_CSS, base).href;
    link.dataset.parts = "";
    link.onload = () => resolve(link);
    link.onerror = () => {
      link.remove();
      reject(new Error(`could not load ${link.href}`));
    };
    document.head.append(link);
  }).catch((error) => {
    sheet = null;
    throw error;
  });
  return sheet;
}

let styled = false; // the document's stylesheet has loaded
let loaded = null; // the module, once `ready` has resolved: parts then mount without waiting a frame

/** Everything a part under `root` (the document, or an embed's shadow root) needs before it mounts. */
async function loadFor(root) {
  const [module] = await Promise.all([
    loadParts(),
    root === document ? loadStyles().then(() => (styled = true)) : null,
  ]);
  return module;
}

// Each stage runs its own copy of Yew, and a part's elements sit inside the first stage's. Yew handles
// events by delegation: a listener on its root, in the capture phase, finds the element's Yew subtree
// and handler by ids it stores on elements and on the event (`__yew_subtree_id`, …). Both copies count
// their ids from 1, so the first stage, which sees an event first, would take a part's ids for its own
// and run one of its own handlers (moving an explorer's slider typed into the search box). So, above
// the first stage's roots, an event from inside a part is marked as handled by no subtree of the first
// stage (Yew's cached answer, id 0 = none), and the mark is taken off again at the part's element,
// below them, so that the part's own Yew finds its handlers as usual. Discrete events only: the first
// stage listens to no continuous ones (move, scroll). Yew 0.23's names, pinned in Cargo.lock.
const GUARDED = [
  "click", "dblclick", "auxclick", "contextmenu", "input", "beforeinput", "change", "keydown", "keyup",
  "toggle", "submit", "reset", "focusin", "focusout", "pointerdown", "pointerup", "mousedown",
  "mouseup", "touchstart", "touchend",
];

function markOutsideFirstStage(event) {
  const path = event.composedPath();
  if (!path.some((node) => node.localName === TAG)) return;
  event.__yew_subtree_cache_key = path.length;
  event.__yew_subtree_id = 0;
}

function unmark(event) {
  delete event.__yew_subtree_cache_key;
  delete event.__yew_subtree_id;
}

/**
 * Keeps the first stage's Yew away from events inside parts, for first-stage roots below `root`: the
 * document, or the shadow root an embed renders into (events that are not composed stay inside it).
 */
export function guardParts(root) {
  for (const type of GUARDED) root.addEventListener(type, markOutsideFirstStage, { capture: true });
}

class LlmPart extends HTMLElement {
  static observedAttributes = ["language", "state"];

  #part = null;
  #status = null;
  #root = null;
  #watch = null;
  #loading = false;

  constructor() {
    super();
    for (const type of GUARDED) this.addEventListener(type, unmark, { capture: true });
  }

  connectedCallback() {
    // Moved within the page (a card list reordered by a search): carry on as it was.
    if (this.#part || this.#loading) return;
    if (!this.#root) {
      this.#status = document.createElement("p");
      this.#status.className = "part__status";
      this.#status.setAttribute("aria-live", "polite");
      this.#status.tabIndex = -1; // a Retry pressed keeps the focus here while it loads
      this.#root = document.createElement("div");
      this.#root.className = "part__root";
      this.append(this.#status, this.#root);
    }
    if (loaded && (styled || this.getRootNode() !== document)) {
      this.#mount(loaded);
      return;
    }
    this.#show("loading", this.dataset.loading || "Loading…");
    if (this.getAttribute("loading") !== "lazy") {
      this.#load();
      return;
    }
    // loading="lazy", as for images: fetch when the part comes within a screen of the viewport.
    this.#watch = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#unwatch();
          this.#load();
        }
      },
      { rootMargin: "100% 0px" },
    );
    this.#watch.observe(this);
  }

  disconnectedCallback() {
    this.#unwatch();
    // A move (disconnected, then connected in the same task) keeps the part; a removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected && this.#part) {
        this.#part.destroy();
        this.#part.free();
        this.#part = null;
      }
    });
  }

  attributeChangedCallback() {
    this.#part?.update(this.#attr("language"), this.#attr("state"));
  }

  #attr(name) {
    return this.getAttribute(name) ?? undefined;
  }

  #unwatch() {
    this.#watch?.disconnect();
    this.#watch = null;
  }

  #show(state, text, retry) {
    this.dataset.part = state;
    if (state === "loading") this.setAttribute("aria-busy", "true");
    else this.removeAttribute("aria-busy");
    this.#status.hidden = state === "ready";
    this.#status.textContent = text;
    if (retry) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = this.dataset.retry || "Retry";
      button.addEventListener("click", () => this.#load(true));
      this.#status.append(" ", button);
    }
  }

  async #load(retrying = false) {
    if (this.#loading || this.#part) return;
    this.#loading = true;
    this.#show("loading", this.dataset.loading || "Loading…");
    if (retrying) this.#status.focus();
    try {
      const module = await loadFor(this.getRootNode());
      loaded = module;
      if (this.isConnected && !this.#part) this.#mount(module);
      if (retrying && this.#part) {
        this.#root.tabIndex = -1;
        this.#root.focus();
      }
    } catch (error) {
      console.warn(`<${TAG}>: could not load ${new URL(PARTS_JS, base).href}`, error);
      this.#show(
        "failed",
        this.dataset.failed || "This part could not be loaded. Check the connection and try again.",
        true,
      );
      if (retrying) this.#status.querySelector("button")?.focus();
    } finally {
      this.#loading = false;
    }
  }

  #mount(module) {
    try {
      this.#part = module.mount_part(
        this.#root,
        this.#attr("kind"),
        this.#attr("card"),
        this.#attr("language"),
        this.#attr("state"),
        (state) => this.dispatchEvent(new CustomEvent(CHANGE, { detail: state, bubbles: true })),
      );
      this.#show("ready", "");
    } catch (error) {
      // Attributes that name no part: say which, as text.
      console.warn(`<${TAG}>: ${error.message}`);
      this.#show("failed", `<${TAG}>: ${error.message}`);
    }
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, LlmPart);
  guardParts(document);
}

// On the app's own page, warm the second stage up once the first has settled (every card hydrated),
// in idle time, so that opening an explorer rarely waits. Not on a blog that embeds the app, and not
// for a reader who asked to save data.
if (document.querySelector("[data-prerender]") && !navigator.connection?.saveData) {
  const html = document.documentElement;
  const warm = () => {
    const idle = window.requestIdleCallback ?? ((go) => setTimeout(go, 200));
    idle(() => loadFor(document).then((m) => (loaded = m), () => {}), { timeout: 4000 });
  };
  if (html.dataset.cards === "live") warm();
  else {
    const settled = new MutationObserver(() => {
      if (html.dataset.cards === "live") {
        settled.disconnect();
        warm();
      }
    });
    settled.observe(html, { attributes: true, attributeFilter: ["data-cards"] });
  }
}
