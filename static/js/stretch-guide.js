// The guided hold timer: which hold or rest it is, the seconds left in it, and a sound at
// each change (timer.js has the clock), so a reload, a second tab or a throttled tab all
// show the same step.
(function () {
  "use strict";
  var guide = document.getElementById("guide");
  if (!guide || guide.dataset.status !== "running") return;
  var holds = Number(guide.dataset.holds);
  var hold = Number(guide.dataset.hold);
  var rest = Number(guide.dataset.rest);
  var elapsed = LegTimer.elapsedFrom(Number(guide.dataset.elapsed));
  var heading = guide.querySelector("[data-phase-heading]");
  var countdown = guide.querySelector("[data-countdown]");
  var text = guide.querySelector("[data-phase-text]");
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

  LegTimer.every(function () {
    var phase = phaseAt(Math.floor(elapsed()));
    var key = phase.kind + phase.hold;
    if (phase.kind === "done") {
      LegTimer.beep(660, 1);
      document.title = "Done · Guided stretch";
      LegTimer.refresh(guide);
      return false;
    }
    if (lastPhase !== null && key !== lastPhase) LegTimer.beep(phase.kind === "hold" ? 880 : 440, 1);
    lastPhase = key;
    heading.textContent =
      phase.kind === "hold"
        ? "Hold " + phase.hold + " of " + holds
        : "Rest, then hold " + (phase.hold + 1) + " of " + holds;
    text.textContent =
      phase.kind === "hold" ? "Hold the stretch gently. Breathe normally." : "Ease off and relax.";
    countdown.textContent = String(Math.ceil(phase.left));
    document.title = heading.textContent + " · Guided stretch";
    return true;
  });
})();
