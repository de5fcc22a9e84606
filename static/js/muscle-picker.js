// The injury form's muscle picker. The muscles are a plain list (a select) that works without
// JavaScript; with it, a muscle tapped on the drawing or chosen among the type-ahead's matches
// is chosen in the list (tapped again on the drawing: removed), the drawing marks the chosen
// muscles, and a status line says what changed. Without JavaScript the drawing's links reload
// the form with that muscle chosen.
(function () {
  "use strict";
  var form = document.querySelector("form[data-muscle-picker]");
  if (!form) return;
  var status = form.querySelector("[data-picked-status]");
  var list = form.querySelector('select[name="muscles"]');

  function option(slug) {
    return list ? list.querySelector('option[value="' + slug + '"]') : null;
  }

  function paint() {
    form.querySelectorAll(".leg-map a[data-muscle]").forEach(function (link) {
      var chosen = option(link.dataset.muscle);
      var picked = Boolean(chosen && chosen.selected);
      link.classList.toggle("is-picked", picked);
      link.setAttribute("aria-pressed", picked ? "true" : "false");
    });
  }

  // The drawing shows one picture at a time: bring up the one that holds this muscle.
  function showOnDrawing(slug) {
    var link = form.querySelector('.leg-map a.map-muscle[data-muscle="' + slug + '"]');
    if (link && window.legMap) window.legMap.show(link);
  }

  function choose(slug, toggle) {
    var chosen = option(slug);
    if (!chosen) return false;
    chosen.selected = toggle ? !chosen.selected : true;
    var notSure = form.querySelector('input[name="not_sure"]');
    if (chosen.selected && notSure) notSure.checked = false;
    status.textContent = chosen.textContent + (chosen.selected ? " chosen." : " removed.");
    paint();
    if (chosen.selected) showOnDrawing(slug);
    return true;
  }

  form.querySelectorAll(".leg-map a[data-muscle]").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      if (choose(link.dataset.muscle, true)) event.preventDefault();
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        link.click();
      }
    });
  });

  // The type-ahead's matches arrive by htmx; a click on one chooses it.
  form.addEventListener("click", function (event) {
    var match = event.target.closest("button[data-muscle]");
    if (match && choose(match.dataset.muscle, false)) {
      var search = form.querySelector("#muscle-search");
      if (search) {
        search.value = "";
        search.focus();
      }
      var matches = form.querySelector("#muscle-matches");
      if (matches) matches.textContent = "";
    }
  });

  // Enter in the search box searches (htmx's "search" trigger) rather than sending the form.
  var searchBox = form.querySelector("#muscle-search");
  if (searchBox) {
    searchBox.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  if (list) list.addEventListener("change", paint);
  paint();
  var first = list && list.querySelector("option:checked");
  if (first) showOnDrawing(first.value);
})();
