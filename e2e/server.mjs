// A small static file server for the built app, on loopback only. Serves `root` under `base`
// (e.g. "/llm-qa/" to mimic GitHub Pages), compresses with brotli or gzip as a real host would, and can
// switch to another root while running (used to deploy a "new version" in the update test).
//   node e2e/server.mjs --root dist --port 4173 [--base /]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);

// Compressed bodies by file, path + size + mtime: compressing a large wasm at brotli's top quality
// on every request would make the server, not the app, the slow part of a test.
const compressed = new Map();

function compress(file, info, body, encoding) {
  const key = `${encoding}:${file}:${info.size}:${info.mtimeMs}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === "br" ? brotliCompressSync(body) : gzipSync(body));
  }
  return compressed.get(key);
}

export function startServer({ root, port = 0, base = "/", host = "127.0.0.1" }) {
  if (!base.endsWith("/")) base += "/";
  const state = { root: resolve(root) };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) return send(res, 404, "text/plain", "not found");
      path = path.slice(base.length);
      if (path === "" || path.endsWith("/")) path += "index.html";
      const file = normalize(join(state.root, path));
      if (!file.startsWith(state.root)) return send(res, 403, "text/plain", "forbidden");
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return send(res, 404, "text/plain", "not found");
      const ext = extname(file);
      let body = await readFile(file);
      const headers = {
        "content-type": TYPES[ext] || "application/octet-stream",
        "cache-control": "no-cache",
        // As GitHub Pages and most static hosts send: other sites' pages may load embed.js, the app's
        // module and its wasm (module scripts and fetches are CORS requests).
        "access-control-allow-origin": "*",
      };
      const accept = String(req.headers["accept-encoding"] || "");
      if (COMPRESSIBLE.has(ext)) {
        headers["vary"] = "accept-encoding";
        if (/\bbr\b/.test(accept)) {
          body = compress(file, info, body, "br");
          headers["content-encoding"] = "br";
        } else if (/\bgzip\b/.test(accept)) {
          body = compress(file, info, body, "gzip");
          headers["content-encoding"] = "gzip";
        }
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      send(res, 500, "text/plain", String(err));
    }
  });
  return new Promise((ok) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({
        url: `http://${host}:${actual}${base}`,
        setRoot: (dir) => (state.root = resolve(dir)),
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

function send(res, status, type, text) {
  res.writeHead(status, { "content-type": type });
  res.end(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const { url } = await startServer({
    root: arg("root", "dist"),
    port: Number(arg("port", 4173)),
    base: arg("base", "/"),
  });
  console.log(`serving ${arg("root", "dist")} at ${url}`);
}
