// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Buttons with data-copy-target copy the text of the element they name: without its spaces (a key), or with
    // data-copy-lines one list item per line (recovery codes).
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        if (!target || !navigator.clipboard) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            var text = button.hasAttribute("data-copy-lines")
                ? Array.prototype.map.call(target.querySelectorAll("li"), function (item) { return item.textContent.trim(); }).join("\n")
                : target.textContent.replace(/\s+/g, "");
            navigator.clipboard.writeText(text).then(function () {
                var done = button.getAttribute("data-copied-text");
                if (done) {
                    button.textContent = done;
                }
            });
        });
    });

    // Print buttons.
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
