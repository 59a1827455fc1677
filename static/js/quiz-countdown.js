// Shows the time left in a timed quiz attempt. Without it, the page still says the deadline's time.
(function () {
    "use strict";
    var box = document.querySelector("[data-deadline]");
    if (!box) return;
    var deadline = Date.parse(box.getAttribute("data-deadline"));
    var output = box.querySelector(".quiz-deadline__countdown");
    if (isNaN(deadline) || !output) return;
    var language = document.documentElement.lang || "es";
    var label = language.indexOf("en") === 0 ? "Time left: " : "Tiempo restante: ";
    var over = language.indexOf("en") === 0 ? "Time is up." : "Se acabó el tiempo.";
    function tick() {
        var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        var minutes = Math.floor(left / 60);
        var seconds = left % 60;
        output.textContent = left > 0 ? label + minutes + ":" + (seconds < 10 ? "0" : "") + seconds : over;
        if (left > 0) window.setTimeout(tick, 1000);
    }
    tick();
}());
