// <llm-interview-cards>: the one module script a page needs to embed questions, a quiz or the
// sampling lab. scripts/embed.mjs fills in the stylesheet's file name below.
//
//   <script type="module" src="https://…/embed.js"></script>
//   <llm-interview-cards questions="6,12" lang="zh" view="cards" theme="auto"></llm-interview-cards>
//
// Each element renders into its own shadow root with its own stylesheet, so the page's CSS does not
// reach in and ours does not reach out. All elements share one copy of the app's wasm, loaded once
// from where this script came from (and cached with the app). Attribute values are handed to the
// wasm as plain strings, where they are parsed as data: never as markup or script.

// The labs and explorers inside a widget are <llm-part> elements, mounted by the same module.
import { guardParts, loadParts } from "./part.js";

const EMBED_CSS = "__EMBED_CSS__";
const TAG = "llm-interview-cards";
const ATTRIBUTES = ["questions", "lang", "view", "theme"];

const base = new URL(".", import.meta.url);

class LlmInterviewCards extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #embed = null;
  #mounting = false;
  #root;
  #styled;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    guardParts(shadow);
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(EMBED_CSS, base).href;
    // Mount once the stylesheet is in, so that the widget never shows unstyled.
    this.#styled = new Promise((done) => {
      link.addEventListener("load", done, { once: true });
      link.addEventListener("error", done, { once: true });
    });
    this.#root = document.createElement("div");
    shadow.append(link, this.#root);
  }

  #values() {
    return ATTRIBUTES.map((name) => this.getAttribute(name) ?? undefined);
  }

  async connectedCallback() {
    if (this.#embed || this.#mounting) return;
    this.#mounting = true;
    try {
      const [module] = await Promise.all([loadParts(), this.#styled]);
      if (this.isConnected && !this.#embed) {
        this.#embed = module.mount_embed(this.#root, base.href, ...this.#values());
      }
    } catch (error) {
      console.error(`<${TAG}>: could not load the app from ${base.href}`, error);
      this.#root.textContent = "The LLM interview questions could not be loaded.";
    } finally {
      this.#mounting = false;
    }
  }

  attributeChangedCallback() {
    this.#embed?.update(...this.#values());
  }

  disconnectedCallback() {
    if (this.#embed) {
      this.#embed.destroy();
      this.#embed.free();
      this.#embed = null;
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, LlmInterviewCards);
