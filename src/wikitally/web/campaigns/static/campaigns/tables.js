// A table wider than its box scrolls sideways: a line above the box says so while it does (the box's
// data-scroll-hint holds the line, in the page's language). Without script the box still scrolls, with shadows.
(function () {
  "use strict";
  var pairs = [];
  document.querySelectorAll("[data-scroll-hint]").forEach(function (box) {
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.textContent = box.getAttribute("data-scroll-hint");
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    pairs.push([box, hint]);
  });
  function update() {
    pairs.forEach(function (pair) {
      pair[1].hidden = pair[0].scrollWidth <= pair[0].clientWidth + 1;
    });
  }
  update();
  window.addEventListener("resize", update);
})();
