// The portal's service worker: the apps offline, the practitioner's own
// e-license offline, and what /verify needs to check a signature offline.
// scripts/sw.sh writes dist/sw.js from this file, prefixed with
//   const VERSION = '<hash of the file list and shells>';
//   const PRECACHE = ['/index.html', '/portal-<hash>.js', ...];
// so every build with other files is another worker (the browser compares
// the bytes), and one install caches one complete version.
//
// Caches:
// - VERSION: the shells and hashed files of one build. Install fills it
//   completely before the worker takes over; activate deletes the others.
//   Hashed files never change, so a page keeps working with the files it
//   started with, and a shell is only ever paired with its own files.
// - PUBLIC: answers meant to be public and needed offline (the signing key).
// - PERSONAL: the signed-in practitioner's licence, kept only once the
//   licence has been shown online; cleared at sign-in, at sign-out and as
//   soon as the API says the session ended.
const PREFIX = 'portal-v-';
const PUBLIC = 'portal-public';
const PERSONAL = 'portal-personal';
const PUBLIC_API = ['/api/v1/license/public-key', '/api/v1/license/revocations'];
const LICENCE = '/api/v1/license';
// What /license needs besides the licence: the session's profile (the
// page's guard), the application and the photo on the licence.
const LICENCE_PAGE = ['/api/v1/me', '/api/v1/applications/current', '/api/v1/license/photo'];
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/;
// Answers are stored without regard to the language they were asked in.
const ANY = { ignoreVary: true };
// The administrators' apps need the network for every page they show, so the
// worker leaves their pages and files to the browser: its HTTP cache serves
// their hashed (immutable) files at once, without a hop through this worker
// (started first, on a slow phone) for every file.
const NETWORK_APPS = ['institution', 'authority'];
const networkApp = (path) =>
  NETWORK_APPS.some((app) => path === `/${app}` || path.startsWith(`/${app}/`) || path.startsWith(`/${app}-`) || path === `/${app}.html`);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PREFIX + VERSION);
      // `reload`: from the server, not from an HTTP cache that may hold
      // another version's shell.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await Promise.all(PUBLIC_API.map((url) => keep(PUBLIC, url).catch(() => {})));
      // Where the browser can route without this worker (static routing),
      // it does not even start it for the administrators' apps.
      if (event.addRoutes && globalThis.URLPattern) {
        const routes = NETWORK_APPS.flatMap((app) =>
          [`/${app}`, `/${app}/*`, `/${app}-*`, `/${app}.html`].map((pathname) => ({
            condition: { urlPattern: new URLPattern({ pathname }) },
            source: 'network',
          })),
        );
        await event.addRoutes(routes).catch(() => {});
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PREFIX + VERSION) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (networkApp(path)) return;
  if (path === '/api/v1/session' && req.method !== 'GET') {
    // Signing in or out: the previous session's licence leaves the device
    // first, whether or not the server can be reached.
    event.respondWith(caches.delete(PERSONAL).then(() => fetch(req)));
  } else if (req.method !== 'GET') {
    return;
  } else if (PUBLIC_API.includes(path)) {
    event.respondWith(networkFirst(req, PUBLIC));
    // Each verification online refreshes the revocation list the device
    // keeps for the next one offline.
    if (path === PUBLIC_API[0]) event.waitUntil(keep(PUBLIC, PUBLIC_API[1]).catch(() => {}));
  } else if (path === LICENCE || LICENCE_PAGE.includes(path)) {
    event.respondWith(personal(req, path, event));
  } else if (path.startsWith('/api/')) {
    return;
  } else if (req.mode === 'navigate') {
    event.respondWith(page(req, path));
    // Every visit asks whether another build is deployed (the worker's
    // bytes differ), rather than leaving it to the browser's own schedule.
    event.waitUntil(self.registration.update().catch(() => {}));
  } else {
    event.respondWith(asset(req, path));
  }
});

// Fetches `url` and keeps the answer in `cacheName` when it is a success.
async function keep(cacheName, url) {
  const resp = await fetch(url);
  if (resp.ok) await (await caches.open(cacheName)).put(url, resp.clone());
  return resp;
}

async function networkFirst(req, cacheName) {
  try {
    const resp = await fetch(req);
    if (resp.ok) await (await caches.open(cacheName)).put(req.url, resp.clone());
    return resp;
  } catch (offline) {
    const hit = await (await caches.open(cacheName)).match(req.url, ANY);
    if (hit) return hit;
    throw offline;
  }
}

// The licence page's answers: from the network, kept while the licence is;
// from the device only when the network cannot be reached.
async function personal(req, path, event) {
  let resp;
  try {
    resp = await fetch(req);
  } catch (offline) {
    const hit = await (await caches.open(PERSONAL)).match(req.url, ANY);
    if (hit) return hit;
    throw offline;
  }
  if (resp.status === 401 || (path === LICENCE && !resp.ok)) {
    // The session ended, or there is no licence (any more).
    await caches.delete(PERSONAL);
  } else if (resp.ok) {
    const cache = await caches.open(PERSONAL);
    if (path === LICENCE) {
      await cache.put(req.url, resp.clone());
      // The licence was shown: keep what its page needs with it.
      event.waitUntil(
        Promise.all(
          LICENCE_PAGE.map(async (url) => {
            if (!(await cache.match(url, ANY))) await keep(PERSONAL, url).catch(() => {});
          }),
        ),
      );
    } else if (await cache.match(LICENCE, ANY)) {
      await cache.put(req.url, resp.clone());
    }
  }
  return resp;
}

// The app's shell for a navigation to `path` (both are precached).
function shellFor(path) {
  return path === '/verify' || path.startsWith('/verify/') || path === '/verify.html' ? '/verify.html' : '/index.html';
}

// Pages: from the network, so a new deployment shows on the next visit;
// the cached shell when offline.
async function page(req, path) {
  const shell = shellFor(path);
  try {
    return await fetch(req);
  } catch (offline) {
    const hit = await caches.match(shell, ANY);
    if (hit) return hit;
    throw offline;
  }
}

// Files: a hashed file never changes, so the device's copy is served; one
// fetched here is kept with this version.
async function asset(req, path) {
  const hit = await caches.match(req, ANY);
  if (hit) return hit;
  const resp = await fetch(req);
  if (resp.ok && HASHED.test(path)) await keepWithVersion(req, resp);
  return resp;
}

// Keeps an answer in this version's cache, unless a newer worker's
// activation has deleted it already: during the hand-over this worker may
// still answer a page's request, and `caches.open` would create the old
// version's cache again, to stay on the device for good.
async function keepWithVersion(key, resp) {
  if (!(await caches.has(PREFIX + VERSION))) return;
  await (await caches.open(PREFIX + VERSION)).put(key, resp.clone());
}
