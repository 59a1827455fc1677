// Every page: registers the service worker (static/js/sw.js, served at /sw.js), shows the offline banner, marks
// links to pages not saved on this device, shows lessons completed offline as waiting to be sent and asks the
// worker to send them (on load and when the connection returns). Without it the site works as before.
(() => {
    "use strict";
    const body = document.body, worker = navigator.serviceWorker, banner = document.querySelector("[data-offline-banner]");
    const csrf = () => (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
    const tell = (message) => worker && worker.ready.then((r) => r.active && r.active.postMessage(message));
    const hello = () => tell({ type: "hello", user: Number(body.dataset.learner || 0), csrf: csrf(), online: navigator.onLine,
        check: !!document.querySelector("[data-offline-save], [data-offline-list]") });
    let waiting = null;
    window.cocreaWorker = tell;

    function unsaved() {
        document.querySelectorAll("main a[href^='/']").forEach((a) => caches.match(a.href, { ignoreVary: true }).then((r) => {
            if (r || a.querySelector(".offline-unsaved")) return;
            const note = document.createElement("span");
            note.className = "offline-unsaved";
            note.textContent = " (" + body.dataset.unsaved + ")";
            a.append(note);
        }));
    }
    function connection() {
        const offline = !navigator.onLine;
        if (banner) banner.hidden = !offline;
        document.querySelectorAll("[data-online-only]").forEach((e) => { e.hidden = !offline; });
        if (offline && window.caches) unsaved();
        else document.querySelectorAll(".offline-unsaved").forEach((n) => n.remove());
    }
    addEventListener("offline", connection);
    addEventListener("online", () => { connection(); hello(); });
    connection();
    if (!worker) return;
    worker.register("/sw.js", { scope: "/" }).catch(() => null);
    worker.addEventListener("message", (e) => {
        const s = e.data;
        if (s.type !== "state") return;
        // What was waiting has been sent: the page shows the server's account of it.
        if (waiting !== null && s.outbox.length < waiting && navigator.onLine) location.reload();
        waiting = s.outbox.length;
        const paths = new Set(s.outbox.map((v) => v.url));
        document.querySelectorAll("form[action$='/completar/']").forEach((form) => {
            const pending = form.parentNode.querySelector("[data-offline-pending]"), mine = paths.has(new URL(form.action).pathname);
            if (pending) { pending.hidden = !mine; form.hidden = mine; }
        });
        document.dispatchEvent(new CustomEvent("cocrea:state", { detail: s }));
    });
    hello();
})();
