// The cramp timer's clock: counts on from the server's seconds (static/js/timer.js) and, past
// 10 minutes, shows what to do (the urgent rule for a cramp that will not ease).
(function () {
  "use strict";
  var box = document.querySelector("[data-cramp-timer]");
  if (!box || !window.LegTimer) return;
  var clock = box.querySelector("[data-cramp-clock]");
  var long = box.querySelector("[data-cramp-long]");
  var limit = Number(box.dataset.long);
  var elapsed = window.LegTimer.elapsedFrom(Number(box.dataset.elapsed));
  window.LegTimer.every(function () {
    var seconds = Math.floor(elapsed());
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    clock.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
    if (seconds > limit && long.hidden) long.hidden = false;
    return true;
  });
})();
