// Writes the embed files of a build from assets/embed/ (run by scripts/post-build.sh, before the
// service worker is made, or by hand on a built dir: node scripts/embed.mjs [dir]):
//   embed.js            the <llm-interview-cards> module, pointing at its stylesheet (it mounts widgets with
//                       the second stage, which it loads through part.js)
//   embed-<hash>.css    the stylesheet inside each element's shadow root: host.css, then style.css and the parts' parts-<hash>.css
//                       with rem turned into px (rem follows the host page's root font size)
//   embed.html          the widget alone, for iframes; embed-frame.js and embed-page.css beside it
//   blog-example.*      an example blog page with a hostile theme that embeds all three (e2e uses it)
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";
const src = new URL("../assets/embed/", import.meta.url);
const read = (name) => readFileSync(new URL(name, src), "utf8");
const files = readdirSync(dir);

/** The one file of the build matching `re`; anything else means the build changed shape. */
function one(re) {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) {
    throw new Error(`embed.mjs: expected one file like ${re} in ${dir}, found ${found.length}`);
  }
  return found[0];
}

/** Fills `__NAME__` placeholders; a placeholder left unfilled is an error. */
function fill(text, values, name) {
  const out = text.replace(/__([A-Z_]+)__/g, (whole, key) => {
    if (!(key in values)) throw new Error(`embed.mjs: ${name} has unknown placeholder ${whole}`);
    return values[key];
  });
  return out;
}

/** `1.5rem` → `24px` (16px per rem, the browsers' default), outside of nothing else. */
export function remToPx(css) {
  return css.replace(/(-?(?:\d+\.?\d*|\.\d+))rem\b/g, (_, n) => `${+(Number(n) * 16).toFixed(3)}px`);
}

const style = one(/^style-[0-9a-f]+\.css$/);
// The parts' styles (labs, explorers) go into the shadow root's one stylesheet too: part.js adds
// them to a page's <head> only for parts in the document itself, never to a host page.
const partsStyle = one(/^parts-[0-9a-f]+\.css$/);
const favicon = one(/^favicon-[0-9a-f]+\.svg$/);

const css = [read("host.css"), ...[style, partsStyle].map((f) => remToPx(readFileSync(join(dir, f), "utf8")))].join("\n");
const cssName = `embed-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;

const out = {
  [cssName]: css,
  "embed.js": fill(read("embed.js"), { EMBED_CSS: `./${cssName}` }, "embed.js"),
  "embed.html": fill(read("embed.html"), { FAVICON: favicon }, "embed.html"),
  "embed-frame.js": read("frame.js"),
  "embed-page.css": read("page.css"),
  "blog-example.html": fill(read("blog-example.html"), { FAVICON: favicon }, "blog-example.html"),
  "blog-example.css": read("blog-example.css"),
  "blog-example.js": read("blog-example.js"),
};
for (const [name, text] of Object.entries(out)) writeFileSync(join(dir, name), text);
console.log(`embed: ${Object.keys(out).join(", ")}`);
