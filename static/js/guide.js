// The guided timers (a guided stretch, and the guided set timer of an exercise): which hold
// or rest it is, the seconds left in it, and a sound at each change (timer.js has the clock),
// so a reload, a second tab or a throttled tab all show the same step. Sets of repetitions
// have no clock: only the rest after one counts down, and then the server shows the next set.
// When the server's state is swapped in (htmx) and still counts, the count starts again from it.
(function () {
  "use strict";

  function follow(guide) {
    if (!guide || guide.dataset.status !== "running" || guide.dataset.followed) return;
    guide.dataset.followed = "yes";  // one count per element, whatever else htmx swaps
    var countdown = guide.querySelector("[data-countdown]");
    if (!countdown) return;
    var holds = Number(guide.dataset.holds);
    var hold = Number(guide.dataset.hold);
    var rest = Number(guide.dataset.rest);
    var elapsed = LegTimer.elapsedFrom(Number(guide.dataset.elapsed));
    var heading = guide.querySelector("[data-phase-heading]");
    var text = guide.querySelector("[data-phase-text]");
    var title = guide.dataset.title;
    var lastPhase = null;

    // The same schedule as the server's stretch_rules.phase_at.
    function phaseAt(seconds) {
      var cycle = hold + rest;
      for (var number = 1; number <= holds; number++) {
        var start = (number - 1) * cycle;
        if (seconds < start + hold) return { kind: "hold", hold: number, left: start + hold - seconds };
        if (number < holds && seconds < start + cycle) {
          return { kind: "rest", hold: number, left: start + cycle - seconds };
        }
      }
      return { kind: "done", hold: holds, left: 0 };
    }

    // A rest after a set of repetitions: it ends `left` seconds after the page was drawn.
    function restAt(seconds, left) {
      var remaining = left - seconds + Number(guide.dataset.elapsed);
      return remaining > 0 ? { kind: "rest", hold: 0, left: remaining } : { kind: "done", hold: 0, left: 0 };
    }

    LegTimer.every(function () {
      if (!guide.isConnected) return false;  // swapped out: the new one has its own count
      var seconds = Math.floor(elapsed());
      var sets = guide.dataset.mode === "sets";
      var phase = sets ? restAt(seconds, Number(guide.dataset.left)) : phaseAt(seconds);
      var key = phase.kind + phase.hold;
      if (phase.kind === "done") {
        LegTimer.beep(sets ? 880 : 660, 1);
        if (!sets) document.title = "Done · " + title;
        LegTimer.refresh(guide);
        return false;
      }
      if (lastPhase !== null && key !== lastPhase) LegTimer.beep(phase.kind === "hold" ? 880 : 440, 1);
      lastPhase = key;
      if (!sets) {
        heading.textContent =
          phase.kind === "hold"
            ? "Hold " + phase.hold + " of " + holds
            : "Rest, then hold " + (phase.hold + 1) + " of " + holds;
        text.textContent = phase.kind === "hold" ? guide.dataset.holdText : guide.dataset.restText;
      }
      countdown.textContent = String(Math.ceil(phase.left));
      document.title = heading.textContent + " · " + title;
      return true;
    });
  }

  follow(document.getElementById("guide"));
  document.body.addEventListener("htmx:afterSettle", function () {
    follow(document.getElementById("guide"));
  });
})();
