// The service worker (recovery/offline/views.py serves it at /sw.js, so that it covers the
// whole site). Static files and the public anatomy reference are kept on the device when it
// installs, and served from there. Pages are network-first: a signed-in user's pages are kept
// as last seen and shown offline marked as a saved copy; a change of account (signing out, or
// someone else signing in) forgets every kept page before anything else is kept.
const VERSION = "{{ version }}";
const PRECACHE = {{ precache|safe }};
const OFFLINE_URL = "{{ offline_url }}";
const LOGOUT_URL = "{{ logout_url }}";
const STATIC_PREFIX = "{{ static_prefix }}";
const ICON_URL = "{{ icon_url }}";
const SHELL = "shell-" + VERSION;
const PRIVATE = "private";
const ACCOUNT_KEY = "/__account__";

// One at a time: a phone on a poor connection, and the server, are not asked for a hundred
// files at once. Without cookies: the reference kept for everyone holds no one's banner or name.
async function keepShell() {
  const cache = await caches.open(SHELL);
  for (const url of PRECACHE) {
    try {
      await cache.add(new Request(url, { credentials: "omit" }));
    } catch (missing) {
      // One page that failed is fetched again at the next install; the rest still serve.
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith("shell-") && key !== SHELL).map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

async function accountKept() {
  const found = await caches.match(ACCOUNT_KEY, { cacheName: PRIVATE });
  return found ? found.text() : null;
}

// Pages kept belong to one account; another (or none: signed out) forgets them all.
async function noteAccount(account) {
  if ((await accountKept()) === account) return;
  await caches.delete(PRIVATE);
  const cache = await caches.open(PRIVATE);
  await cache.put(ACCOUNT_KEY, new Response(account));
}

async function keep(request, response) {
  const headers = new Headers(response.headers);
  headers.set("X-Saved-At", String(Date.now()));
  headers.delete("Content-Length");
  const body = await response.text();
  const cache = await caches.open(PRIVATE);
  await cache.put(request.url, new Response(body, { status: 200, headers: headers }));
}

async function savedCopy(request) {
  const found = await caches.match(request.url, { cacheName: PRIVATE });
  if (!found) return null;
  const saved = found.headers.get("X-Saved-At") || "";
  const body = (await found.text()).replace("<body", '<body data-saved-at="' + saved + '"');
  const headers = new Headers(found.headers);
  headers.delete("Content-Length");
  return new Response(body, { status: 200, headers: headers });
}

async function page(request) {
  try {
    const response = await fetch(request);
    // Only the app's own pages say whose they are ("none": signed out); a redirect or a
    // proxy's error page says nothing, and changes nothing kept.
    const said = response.headers.get("X-Account");
    if (said === null) return response;
    const account = said === "none" ? "" : said;
    await noteAccount(account);
    const html = (response.headers.get("Content-Type") || "").startsWith("text/html");
    if (account && response.ok && html && !response.redirected) {
      await keep(request, response.clone());
    }
    return response;
  } catch (offline) {
    return (
      (await savedCopy(request)) ||
      (await caches.match(request.url, { cacheName: SHELL })) ||
      (await caches.match(OFFLINE_URL, { cacheName: SHELL })) ||
      Response.error()
    );
  }
}

// A form sent while the browser says it is online but no network carries it. A log form the
// page kept on the phone as it was sent (the form says so) comes back to the page it was sent
// from, where the log waits to sync; any other form gets the browser's own error page, as it
// would without the worker.
async function sendForm(request) {
  const sent = request.clone();
  try {
    return await fetch(request);
  } catch (offline) {
    const form = await sent.formData().catch(() => null);
    if (form && form.get("kept_on_phone")) {
      return Response.redirect(request.referrer || "/", 303);
    }
    return Response.error();
  }
}

// A static file's name without the version a deploy puts in it (app.3f2a9c1b7d4e.css is
// app.css), and today's file for each such name.
function unversioned(path) {
  return path.replace(/\.[0-9a-f]{12}(\.[^./]+)$/, "$1");
}
const TODAYS = new Map(PRECACHE.map((url) => [unversioned(url), url]));

async function fromShell(request) {
  const kept = await caches.match(request, { cacheName: SHELL });
  if (kept) return kept;
  let answer = null;
  try {
    answer = await fetch(request);
    if (answer.ok) return answer;
  } catch (offline) {
    // No network: today's file of the same name, below.
  }
  // A page kept before the app was updated asks for the files of its day, gone from the
  // device (and from the server): it gets today's, so that it still looks and works as it
  // should offline.
  const today = TODAYS.get(unversioned(new URL(request.url).pathname));
  const current = today && (await caches.match(today, { cacheName: SHELL }));
  return current || answer || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (url.pathname === LOGOUT_URL) {
      // Signing out: the kept pages go first, whatever the answer.
      event.respondWith(caches.delete(PRIVATE).then(() => fetch(request)));
    } else if (request.mode === "navigate") {
      event.respondWith(sendForm(request));
    }
    return;
  }
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(fromShell(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  }
});

// Reminders by web push (recovery/reminders/push.py): the message says what to show and which
// of the app's pages a tap opens.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (unreadable) {
    data = {};
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Leg recovery tracker", {
      body: data.body || "A reminder is waiting in the app.",
      tag: data.tag, // one notification however often the same reminder is sent
      icon: ICON_URL,
      data: { url: data.url || "/" },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (url.origin !== self.location.origin) return; // only the app's own pages
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url.href);
      return open ? open.focus() : self.clients.openWindow(url.href);
    })
  );
});
