// The leg map names the muscle under the pointer or the keyboard focus below its drawing
// (the link's own name is what a screen reader reads, so the caption is hidden from it).
(function () {
  "use strict";
  document.querySelectorAll(".leg-view").forEach(function (view) {
    var caption = view.querySelector("[data-map-caption]");
    if (!caption) return;
    function show(event) {
      var muscle = event.target.closest("a.map-muscle");
      caption.textContent = muscle ? muscle.getAttribute("aria-label") : "";
    }
    view.addEventListener("mouseover", show);
    view.addEventListener("focusin", show);
    view.addEventListener("mouseleave", function () {
      caption.textContent = "";
    });
  });
})();
