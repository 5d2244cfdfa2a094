// The jury's keys (docs/photos.md): Y/N and 1–5 vote, U undo, F favourite — each presses the page's own
// button, so the keys do exactly what the buttons do without JavaScript. Typing in a field is left alone.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    var key = (event.key || "").toLowerCase();
    var button = document.querySelector('button[data-key="' + key.replace(/["\\]/g, "") + '"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.disabled = true; // one vote per key press, however fast the keys come
    var form = button.form;
    var value = document.createElement("input");
    value.type = "hidden";
    value.name = button.name;
    value.value = button.value;
    form.appendChild(value);
    form.submit();
  });
})();
