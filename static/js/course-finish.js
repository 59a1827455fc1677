// The finish page of a course: copy the certificate's verification link, and, while the certificate is being
// prepared, ask the server now and then (a HEAD request: its X-Certificate header) and reload once it is ready.
// Without JavaScript the link can be selected by hand and the "Check again" link reloads the page.
(function () {
    "use strict";

    var copyButton = document.querySelector("[data-copy]");
    var status = document.querySelector("[data-copy-status]");
    if (copyButton && navigator.clipboard) {
        copyButton.hidden = false;
        copyButton.addEventListener("click", function () {
            var field = document.querySelector(copyButton.getAttribute("data-copy"));
            navigator.clipboard.writeText(field.value).then(function () {
                if (status) {
                    status.textContent = copyButton.getAttribute("data-copied");
                }
            }, function () {
                field.select();
            });
        });
    }

    var pending = document.querySelector('[data-certificate="preparing"]');
    var INTERVAL = 5000;
    var TRIES = 60;
    if (!pending || !window.fetch) {
        return;
    }
    var tries = 0;
    function ask() {
        tries += 1;
        fetch(window.location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
            .then(function (response) {
                var state = response.headers.get("X-Certificate");
                if (response.ok && state && state !== "preparing") {
                    window.location.reload();
                } else if (tries < TRIES) {
                    window.setTimeout(ask, INTERVAL);
                }
            })
            .catch(function () {
                if (tries < TRIES) {
                    window.setTimeout(ask, INTERVAL);
                }
            });
    }
    window.setTimeout(ask, INTERVAL);
})();
