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

    // Show-password buttons (data-show-password names the field): the password as text while pressed, then hidden again.
    document.querySelectorAll("[data-show-password]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-show-password"));
        if (!field) {
            return;
        }
        var showText = button.textContent;
        button.hidden = false;
        button.addEventListener("click", function () {
            var shown = field.type === "password";
            field.type = shown ? "text" : "password";
            button.textContent = shown ? button.getAttribute("data-hide-text") : showText;
        });
        // Never leave a password readable in a form that is sent: the browser would offer to remember it as text.
        if (field.form) {
            field.form.addEventListener("submit", function () {
                field.type = "password";
            });
        }
    });

    // Passkeys (adding one under Settings, signing in with one): a form shows only where the browser can use them. It
    // asks the portal for the options, lets the device make or use the key (with its PIN, face or fingerprint) and
    // sends the answer with the form.
    var webAuthn = window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON
        && PublicKeyCredential.parseRequestOptionsFromJSON && window.fetch;
    function passkeyForm(form, ceremony) {
        form.hidden = false;
        document.querySelectorAll("[data-passkey-unsupported]").forEach(function (note) { note.hidden = true; });
        var failed = form.querySelector("[data-passkey-failed]");
        form.addEventListener("submit", function (event) {
            if (form.elements.Credential.value) {
                return;
            }
            event.preventDefault();
            failed.hidden = true;
            fetch(form.getAttribute("data-options-url"), { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("options " + response.status);
                    }
                    return response.json();
                })
                .then(function (answer) {
                    form.elements.Ceremony.value = answer.ceremony;
                    return ceremony(answer.options);
                })
                .then(function (credential) {
                    form.elements.Credential.value = JSON.stringify(credential.toJSON());
                    form.submit();
                })
                .catch(function () {
                    failed.hidden = false;
                });
        });
    }
    if (webAuthn) {
        document.querySelectorAll("form[data-passkey-add]").forEach(function (form) {
            passkeyForm(form, function (options) {
                return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
            });
        });
        document.querySelectorAll("form[data-passkey-sign-in]").forEach(function (form) {
            passkeyForm(form, function (options) {
                return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
            });
        });
    }

    // Print buttons.
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
