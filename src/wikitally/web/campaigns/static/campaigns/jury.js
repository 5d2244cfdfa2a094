// Keyboard marking on the jury's page (docs/contests.md, "The jury in the web app"). Without this file the
// form still works: the first part has the focus, a number is typed, Enter submits, S is the skip link's
// access key. With it: a number key sets the highlighted part (an integer's value, a checkbox's 1/0, a
// choice's n-th option) and moves to the next part; Enter saves; S skips. Typing in the comment is left alone.
(function () {
  "use strict";
  var form = document.getElementById("mark-form");
  if (!form) return;
  var parts = Array.prototype.slice.call(form.querySelectorAll(".part"));
  var current = 0;
  function highlight(i) {
    parts.forEach(function (p, j) { p.classList.toggle("active", i === j); });
    current = i;
  }
  highlight(0);
  parts.forEach(function (p, i) { p.addEventListener("focusin", function () { highlight(i); }); });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var target = ev.target;
    if (target && target.tagName === "TEXTAREA") return;
    if (ev.key === "Enter") {
      ev.preventDefault();
      if (form.reportValidity()) form.submit();
      return;
    }
    if (ev.key === "s" || ev.key === "S") {
      ev.preventDefault();
      window.location.href = document.getElementById("jury-skip").href;
      return;
    }
    if (!/^[0-9]$/.test(ev.key) || !parts.length) return;
    if (target && target.type === "number" && parseInt(target.max, 10) > 9) return; // typed: 10 and more
    ev.preventDefault();
    var part = parts[current], n = parseInt(ev.key, 10), kind = part.getAttribute("data-kind");
    if (kind === "integer") {
      part.querySelector("input").value = String(n);
    } else if (kind === "checkbox") {
      part.querySelector("input").checked = n === 1;
    } else {
      var radios = part.querySelectorAll("input[type=radio]");
      if (n >= 1 && n <= radios.length) radios[n - 1].checked = true;
    }
    var next = Math.min(current + 1, parts.length - 1);
    highlight(next);
    var focusable = parts[next].querySelector("input");
    if (focusable) focusable.focus();
  });
})();
