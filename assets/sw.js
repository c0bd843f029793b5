// The app's service worker. This is the template: `scripts/sw.mjs` writes `sw.js` into each build as
// `VERSION` (a hash of this file and the file list) and `PRECACHE` ([path, revision] for every file of
// the build, the revision being the first 16 hex digits of the file's SHA-256) followed by this code.
//
// - install: fetch every file into a cache named after the version; a file whose revision an earlier
//   cache already holds is copied from there instead. Each download is checked against its revision,
//   so a deploy caught half-way fails the install (the browser retries later) rather than mixing builds.
// - The new worker then waits: the page asks the user, and posts SKIP_WAITING to activate it. Until
//   then the old worker keeps serving the old cache, so a page never gets old HTML with new wasm.
// - activate: delete the caches of earlier versions (of this scope only: GitHub Pages sites share an
//   origin), then take control of open pages, which makes the first visit work offline at once.
// - fetch: precached files from the cache; navigations get the app shell (index.html) whatever their
//   query string; anything else goes to the network untouched.
/* global VERSION, PRECACHE */

const PREFIX = `llm-qa ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
// Paths are relative to this worker, so one build works at the site root or under a sub-path.
const REVISIONS = new Map(PRECACHE.map(([path, rev]) => [new URL(path, self.location.href).href, rev]));
const SHELL = new URL("index.html", self.location.href).href;

// The cache key carries the revision, so a later install can find unchanged files in an older cache.
const keyOf = (url, rev) => `${url}?__rev=${rev}`;

async function sha256Prefix(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function precache(cache, url, rev) {
  const key = keyOf(url, rev);
  const earlier = await caches.match(key);
  if (earlier) return cache.put(key, earlier);
  // "reload": straight from the server, never a stale copy from the HTTP cache.
  const response = await fetch(url, { cache: "reload" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const actual = await sha256Prefix(body);
  if (actual !== rev) throw new Error(`${url}: revision ${actual}, expected ${rev}`);
  // A fresh response: the body is already decoded, and a redirect flag would make it unusable for
  // navigations. The content type is all the page needs (wasm streaming compilation checks it).
  const type = response.headers.get("content-type");
  return cache.put(key, new Response(body, { headers: type ? { "content-type": type } : {} }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all([...REVISIONS].map(([url, rev]) => precache(cache, url, rev)))),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  url.search = "";
  url.hash = "";
  let href = url.href;
  if (request.mode === "navigate" && !REVISIONS.has(href)) href = SHELL;
  const rev = REVISIONS.get(href);
  if (rev === undefined) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(keyOf(href, rev)))
      // Missing only if the browser evicted the cache: the network still has this version, or will
      // answer with the next one, which the page then loads whole.
      .then((hit) => hit || fetch(request)),
  );
});
