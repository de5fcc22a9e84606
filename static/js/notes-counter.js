// A live count of what is left in each notes box (textarea[data-max-length]). The limit is the
// server's, counted the same way: characters as code points (an emoji is one), a line break
// as one. Nothing is ever cut: an over-long paste stays and the counter says how much to trim.
(function () {
  "use strict";

  function length(text) {
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }

  function attach(box) {
    if (box.dataset.counter) return;
    box.dataset.counter = "on";
    var limit = parseInt(box.dataset.maxLength, 10);
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = box.id + "-counter";
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      var left = limit - length(box.value);
      counter.classList.toggle("char-counter-over", left < 0);
      counter.textContent =
        left >= 0
          ? left.toLocaleString("en") + " of " + limit.toLocaleString("en") + " characters left."
          : (-left).toLocaleString("en") + " characters over the " + limit.toLocaleString("en") +
            " limit. Your text is kept: shorten it before saving.";
    }
    box.addEventListener("input", update);
    update();
  }

  function scan(root) {
    root.querySelectorAll("textarea[data-max-length]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:load", function (event) { scan(event.detail.elt.parentNode || document); });
})();
