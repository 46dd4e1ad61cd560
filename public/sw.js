// Offline support: once opened, Flink Studio keeps working and reloads with the network
// off. Network first: online, every request goes to the server as usual and its answer
// is kept; offline, the kept answer is used. Only the app's own files are kept (same
// origin, GET, never the CMF proxy under /cmf). Trunk copies this file to the site root
// (index.html, rel="copy-file") so that its scope is the whole app.
const CACHE = 'flink-studio-shell-v2';

// Build-hashed names (app-0123456789abcdef_bg.wasm): a newer build replaces the older.
const HASHED = /^(.*)-[0-9a-f]{16}((?:_bg)?\.[a-z]+)$/;

/** The app shell: the page and every file it names, plus the validation worker's script
 *  (it runs the app's own module, which the page names). */
async function shell() {
  const page = await fetch('./', { cache: 'no-cache' });
  const html = await page.text();
  const urls = new Set(['./', './public/boot.js', './public/worker.js']);
  for (const m of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"#?]+)"/g)) urls.add(m[1]);
  return [...urls];
}

async function keep(cache, request, response) {
  const path = new URL(request.url).pathname;
  const hashed = HASHED.exec(path);
  if (hashed) {
    for (const old of await cache.keys()) {
      const other = HASHED.exec(new URL(old.url).pathname);
      if (other && other[1] === hashed[1] && other[2] === hashed[2] && old.url !== request.url) await cache.delete(old);
    }
  }
  await cache.put(request, response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of await shell()) {
        try {
          // `no-cache`: fresh, yet a file the page has just loaded is not downloaded a
          // second time when the host answers "not modified".
          const response = await fetch(url, { cache: 'no-cache' });
          if (response.ok) await keep(cache, new Request(new URL(url, self.location).href), response);
        } catch {
          // Offline while installing: the next visit completes the shell.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      // Shells of older versions (v1 kept a separate validation worker module).
      for (const name of await caches.keys()) {
        if (name.startsWith('flink-studio-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  ),
);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/cmf')) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, request, copy)));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
        return kept ?? Response.error();
      }),
  );
});
