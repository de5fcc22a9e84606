// The leg map as a muscle picker: in a form marked data-muscle-picker, a muscle on the map
// ticks or unticks its box in the list instead of leaving the page, and the list can be
// filtered by typing. Without JavaScript the map links reload the form with that muscle.
(function () {
  "use strict";
  var form = document.querySelector("form[data-muscle-picker]");
  if (!form) return;
  var status = form.querySelector("[data-picked-status]");

  function box(slug) {
    return form.querySelector('input[name="muscles"][value="' + slug + '"]');
  }

  function paint() {
    form.querySelectorAll("a[data-muscle]").forEach(function (link) {
      var input = box(link.dataset.muscle);
      var picked = Boolean(input && input.checked);
      link.classList.toggle("is-picked", picked);
      link.setAttribute("aria-pressed", picked ? "true" : "false");
    });
  }

  form.querySelectorAll("a[data-muscle]").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      var input = box(link.dataset.muscle);
      if (!input) return;
      event.preventDefault();
      input.checked = !input.checked;
      var name = link.getAttribute("aria-label") || link.textContent.trim();
      status.textContent = name + (input.checked ? " chosen." : " removed.");
      paint();
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        link.click();
      }
    });
  });

  form.addEventListener("change", function (event) {
    if (event.target.name === "muscles") paint();
  });

  var filter = form.querySelector("[data-muscle-filter]");
  if (filter) {
    filter.hidden = false;
    var input = filter.querySelector("input");
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      form.querySelectorAll(".muscle-checklist .check").forEach(function (row) {
        row.hidden = text !== "" && row.dataset.name.indexOf(text) === -1;
      });
    });
  }
  paint();
})();
