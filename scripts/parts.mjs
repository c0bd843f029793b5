// Puts the second stage into a build (run by scripts/parts.sh): parts.js and parts_bg.wasm from
// wasm-bindgen's output, and the parts' stylesheet assets/parts.css, get content-hashed names (so a
// new build is never mixed with a cached old one), and assets/part.js, the <llm-part> element, is
// written to the build pointing at them.
//   node scripts/parts.mjs <wasm-bindgen out dir> <build dir>
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [from, dir] = process.argv.slice(2);
if (!from || !dir) {
  console.error("usage: node scripts/parts.mjs <wasm-bindgen out dir> <build dir>");
  process.exit(2);
}
const hash = (data) => createHash("sha256").update(data).digest("hex").slice(0, 16);

// An earlier build's second stage in the same directory (trunk serve rebuilds in place) goes.
for (const f of readdirSync(dir)) if (/^parts-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/.test(f)) rmSync(join(dir, f));

const wasm = readFileSync(join(from, "parts_bg.wasm"));
const wasmName = `parts-${hash(wasm)}_bg.wasm`;
// The glue's own default address of the wasm is never used (part.js passes the hashed one), but it
// should not name a file that does not exist.
const glue = readFileSync(join(from, "parts.js"), "utf8").replaceAll("parts_bg.wasm", wasmName);
const glueName = `parts-${hash(glue)}.js`;

const css = readFileSync(new URL("../assets/parts.css", import.meta.url));
const cssName = `parts-${hash(css)}.css`;

const element = readFileSync(new URL("../assets/part.js", import.meta.url), "utf8");
const names = { JS: glueName, WASM: wasmName, CSS: cssName };
const filled = element.replace(/__PARTS_(JS|WASM|CSS)__/g, (_, which) => `./${names[which]}`);
if (/__[A-Z_]+__/.test(filled)) {
  console.error("parts.mjs: assets/part.js has a placeholder this script does not fill");
  process.exit(1);
}

writeFileSync(join(dir, wasmName), wasm);
writeFileSync(join(dir, glueName), glue);
writeFileSync(join(dir, cssName), css);
writeFileSync(join(dir, "part.js"), filled);
console.log(`parts: ${glueName} (${glue.length} B), ${wasmName} (${wasm.length} B), ${cssName} (${css.length} B), part.js`);
