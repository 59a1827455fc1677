// "Guardar para leer sin conexión" on a course page and the saved courses on "Mi aprendizaje"; the service worker
// (static/js/sw.js) does the saving. Shown only where the browser has a service worker; texts come from the page.
(() => {
    "use strict";
    const worker = navigator.serviceWorker, tell = window.cocreaWorker;
    const panel = document.querySelector("[data-offline-save]"), list = document.querySelector("[data-offline-list]");
    if (!worker || !tell || !window.caches || !window.indexedDB) return;
    const lang = document.documentElement.lang || "es";
    const size = (n) => n < 1e6 ? Math.ceil(n / 1e3) + " KB" : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n / 1e6) + " MB";
    const put = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => values[name]);
    const on = (fn) => document.addEventListener("cocrea:state", (e) => fn(e.detail));

    if (panel) {
        const $ = (name) => panel.querySelector("[data-offline-" + name + "]"), d = panel.dataset, course = Number(d.course);
        const status = $("status"), bar = $("progress"), start = $("start"), remove = $("remove");
        panel.hidden = false;
        if (navigator.onLine) {
            fetch(d.manifest, { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then((r) => r.ok && r.json()).then((m) => { if (m) $("size").textContent = put(d.size, { size: size(m.bytes) }); })
                .catch(() => null);
        }
        start.addEventListener("click", () => {
            if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => null);
            start.disabled = true;
            bar.hidden = false;
            tell({ type: "save", manifest: d.manifest, course });
        });
        remove.addEventListener("click", () => tell({ type: "remove", course }));
        worker.addEventListener("message", (e) => {
            const m = e.data;
            if (m.course !== course) return;
            if (m.type === "progress") {
                bar.max = m.total;
                bar.value = m.done;
                status.textContent = put(d.progress, m);
            } else if (m.type === "failed") {
                start.disabled = bar.hidden = false;
                status.textContent = d.failed;
            }
        });
        on((s) => {
            const row = s.saved.find((v) => v.course === course);
            bar.hidden = true;
            start.disabled = false;
            start.hidden = !!row;
            remove.hidden = !row;
            status.textContent = row ? put(d.done, { size: size(row.bytes) }) : "";
        });
    }
    if (list) {
        const items = list.querySelector("[data-offline-items]"), template = list.querySelector("[data-offline-item]");
        const waiting = list.querySelector("[data-offline-waiting]");
        on((s) => {
            items.replaceChildren(...s.saved.map((v) => {
                const li = template.content.firstElementChild.cloneNode(true), a = li.querySelector("a");
                a.href = v.url;
                a.textContent = v.title;
                li.querySelector(".meta").textContent = put(list.dataset.size, { size: size(v.bytes) });
                li.querySelector("button span").textContent = " · " + v.title;
                li.querySelector("button").addEventListener("click", () => tell({ type: "remove", course: v.course }));
                return li;
            }));
            waiting.hidden = !s.outbox.length;
            waiting.textContent = put(list.dataset.pending, { count: s.outbox.length });
            list.hidden = !s.saved.length && !s.outbox.length;
        });
    }
})();
