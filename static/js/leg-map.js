// The leg map shows one picture at a time (radio buttons; CSS does the showing). A link to one
// of the pictures (such as #map-back-title from a muscle's page) shows that picture, and
// window.legMap.show(link) shows the picture that holds a muscle's link.
(function () {
  "use strict";
  function show(element) {
    var view = element && element.closest(".leg-view");
    var map = view && view.closest("[data-leg-map]");
    if (!map) return;
    var radio = map.querySelector('.map-switch input[value="' + view.dataset.view + '"]');
    if (radio) radio.checked = true;
  }
  window.legMap = { show: show };

  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (target && target.closest("[data-leg-map]")) {
    show(target);
    target.scrollIntoView();
  }
})();
