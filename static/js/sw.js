// Cocrea's service worker, served at /sw.js after a line of settings (CONFIG; courses.webapp). Answers when the
// network fails or takes over 3 s: saved courses' pages, the site's files, else the offline page. Keeps each
// person's saved courses (Cache Storage) and outbox (IndexedDB), replays it, forgets it on sign-out.
"use strict";
const SHELL = "cocrea-shell-" + CONFIG.version, WAIT = 3000;
let who = null, token = "", checked = 0, flushing = null;

self.addEventListener("install", (e) =>
    e.waitUntil(caches.open(SHELL).then((c) => c.addAll(CONFIG.shell)).then(() => self.skipWaiting())));
self.addEventListener("activate", (e) => e.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((n) => n.startsWith("cocrea-shell-") && n !== SHELL).map((n) => caches.delete(n))))
    .then(() => self.clients.claim())));

// IndexedDB: "outbox" (completions to send), "saved" (saved courses; "who": the person signed in).
function store(name, mode, act) {
    return new Promise((done, fail) => {
        const open = indexedDB.open("cocrea", 1);
        open.onupgradeneeded = () => {
            open.result.createObjectStore("outbox", { keyPath: "key" });
            open.result.createObjectStore("saved", { keyPath: "id" });
        };
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
            const tx = open.result.transaction(name, mode), request = act(tx.objectStore(name));
            tx.oncomplete = () => { open.result.close(); done(request && request.result); };
            tx.onerror = () => fail(tx.error);
        };
    });
}
const all = (name) => store(name, "readonly", (s) => s.getAll());
const sweep = (name, drop) => store(name, "readwrite", (s) => {
    s.openCursor().onsuccess = (e) => {
        const cursor = e.target.result;
        if (cursor) { if (drop(cursor.value)) cursor.delete(); cursor.continue(); }
    };
});
const current = () => who !== null ? Promise.resolve(who) : store("saved", "readonly", (s) => s.get("who"))
    .then((r) => { who = r ? r.user : 0; token = token || (r && r.csrf) || ""; return who; });
const prefix = (user) => "cocrea-u" + user + "-";

function forget(user) {
    return caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(prefix(user)))
        .map((n) => caches.delete(n))))
        .then(() => sweep("saved", (v) => v.user === user && v.id !== "who"))
        .then(() => sweep("outbox", (v) => v.user === user));
}
function hello(user, csrf) {
    return current().then((before) => {
        token = csrf || token;
        if (!user) return null;
        who = user;
        return (before && before !== user ? forget(before) : Promise.resolve())
            .then(() => store("saved", "readwrite", (s) => s.put({ id: "who", user, csrf: token })));
    });
}

function saved(request) {
    return current().then(() => caches.keys()).then((names) => names
        .filter((n) => n === SHELL || (who && n.startsWith(prefix(who))))
        .reduce((found, n) => found.then((r) => r || caches.open(n)
            .then((c) => c.match(request, { ignoreVary: true }))), Promise.resolve()));
}
function fresh(request, fallback) {
    return saved(request).then((copy) => new Promise((answer) => {
        const timer = copy && setTimeout(() => answer(copy), WAIT);
        fetch(request).then((r) => { clearTimeout(timer); answer(r); },
            () => { clearTimeout(timer); answer(copy || fallback()); });
    }));
}

self.addEventListener("fetch", (e) => {
    const request = e.request, url = new URL(request.url);
    if (url.origin !== location.origin) return;
    if (request.method === "POST" && CONFIG.logout.includes(url.pathname)) e.respondWith(signOut(request));
    else if (request.method === "POST" && request.mode === "navigate" && /\/completar\/$/.test(url.pathname)) {
        e.respondWith(complete(request));
    } else if (request.method !== "GET" || url.pathname === "/sw.js") return;
    else if (request.mode === "navigate") e.respondWith(fresh(request, () => caches.match(CONFIG.offline)));
    else if (/^\/(static|media|documentos)\//.test(url.pathname)) e.respondWith(fresh(request, Response.error));
});

const uuid = () => crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000"
    .replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));

// "Marcar como completada" with no network: into the outbox, back to the (saved) lesson.
function complete(request) {
    const copy = request.clone();
    return fetch(request).catch(() => current().then((user) => {
        const back = copy.referrer || CONFIG.offline;
        if (!user) return Response.redirect(back, 303);
        const entry = { key: uuid(), user, url: new URL(copy.url).pathname, marked: new Date().toISOString() };
        return store("outbox", "readwrite", (s) => s.put(entry)).then(() => {
            if (self.registration.sync) self.registration.sync.register("outbox").catch(() => null);
            return Response.redirect(back, 303);
        });
    }));
}

function send(entry) {
    const body = new FormData();
    [["key", entry.key], ["user", entry.user], ["completed_at", entry.marked]].forEach(([k, v]) => body.append(k, v));
    return fetch(entry.url, { method: "POST", body, credentials: "same-origin", redirect: "manual",
        headers: { Accept: "application/json", "X-CSRFToken": token } }).then((r) => {
        const json = (r.headers.get("Content-Type") || "").includes("json");
        // Sent or refused for good: out. Signed out, stale token, server error: kept for the next try.
        if (json && r.status < 500) return store("outbox", "readwrite", (s) => s.delete(entry.key));
        return null;
    });
}
function flush() {
    if (!flushing) {
        flushing = current().then(() => all("outbox")).then((entries) => entries
            .filter((v) => v.user === who).reduce((chain, v) => chain.then(() => send(v)), Promise.resolve()))
            .catch(() => null).then(tell).then((state) => { flushing = null; return state.outbox.length; });
    }
    return flushing;
}
self.addEventListener("sync", (e) => {
    if (e.tag === "outbox") e.waitUntil(flush().then((left) => { if (left) throw new Error("outbox"); }));
});

function signOut(request) {
    return request.clone().formData().then((form) => { token = form.get("csrfmiddlewaretoken") || token; })
        .then(() => navigator.onLine ? flush() : null)
        .then(() => current()).then((user) => user && forget(user))
        .then(() => { who = 0; return store("saved", "readwrite", (s) => s.put({ id: "who", user: 0 })); })
        .catch(() => null).then(() => fetch(request)).catch(() => caches.match(CONFIG.offline));
}

// Saving a course from its offline manifest (courses.offline), telling the pages how far it got.
function save(manifest) {
    return fetch(manifest, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }).then((m) => {
            const urls = m.pages.filter((p) => p.offline).map((p) => p.url).concat(m.figures.map((f) => f.url));
            const name = prefix(m.learner) + "c" + m.course.id;
            let bytes = m.assets.reduce((sum, a) => sum + a.bytes, 0), done = 0;
            return caches.delete(name).then(() => caches.open(name)).then((cache) => urls.reduce((chain, url) =>
                chain.then(() => fetch(url, { credentials: "same-origin" })).then((r) => {
                    if (!r.ok || r.redirected) throw new Error(url);
                    return r.clone().blob().then((b) => { bytes += b.size; return cache.put(url, r); });
                }).then(() => broadcast({ type: "progress", course: m.course.id, done: ++done, total: urls.length })),
            Promise.resolve())).then(() => store("saved", "readwrite", (s) => s.put({
                id: m.learner + ":" + m.course.id, user: m.learner, course: m.course.id, title: m.course.title,
                url: m.course.url, version: m.version, manifest, bytes, pages: urls.length, at: Date.now(),
            }))).catch((error) => caches.delete(name).then(() => { throw error; }));
        });
}
function remove(course) {
    return current().then((user) => caches.delete(prefix(user) + "c" + course)
        .then(() => store("saved", "readwrite", (s) => s.delete(user + ":" + course))));
}
// Republished since saved: saved again; no longer open to the person: removed.
function check(now) {
    if (!now && Date.now() - checked < 600000) return Promise.resolve();
    checked = Date.now();
    return current().then(() => all("saved")).then((rows) => rows.filter((v) => v.user === who && v.course)
        .reduce((chain, v) => chain.then(() => fetch(v.manifest, { credentials: "same-origin",
            headers: { Accept: "application/json" }, redirect: "manual" }).then((r) => {
            if (r.status === 403 || r.status === 404) return remove(v.course);
            return r.ok ? r.json().then((m) => m.version !== v.version && save(v.manifest)) : null;
        }).catch(() => null)), Promise.resolve()));
}

function state() {
    return current().then(() => Promise.all([all("outbox"), all("saved")])).then(([outbox, rows]) => ({
        type: "state", user: who, outbox: outbox.filter((v) => v.user === who),
        saved: rows.filter((v) => v.user === who && v.course),
    }));
}
function broadcast(message) {
    return self.clients.matchAll({ includeUncontrolled: true }).then((clients) => clients.forEach((c) => c.postMessage(message)));
}
const tell = () => state().then((s) => broadcast(s).then(() => s));

self.addEventListener("message", (e) => {
    const m = e.data || {};
    let work;
    if (m.type === "hello") {
        work = hello(m.user, m.csrf).then(() => m.online && flush().then(() => check(m.check))).then(tell);
    } else if (m.type === "save") {
        work = save(m.manifest).then(tell, () => broadcast({ type: "failed", course: m.course }));
    } else if (m.type === "remove") work = remove(m.course).then(tell);
    if (work) e.waitUntil(work);
});
