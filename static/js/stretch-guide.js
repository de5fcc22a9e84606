// The guided hold timer. Like the ice timer, it starts from the server's count of seconds
// since the session began and then uses only the browser's monotonic clock, so a reload,
// a second tab or a throttled tab all show the same step.
(function () {
  "use strict";
  var guide = document.getElementById("guide");
  if (!guide || guide.dataset.status !== "running") return;
  var holds = Number(guide.dataset.holds);
  var hold = Number(guide.dataset.hold);
  var rest = Number(guide.dataset.rest);
  var startedAt = performance.now() - Number(guide.dataset.elapsed) * 1000;
  var heading = guide.querySelector("[data-phase-heading]");
  var countdown = guide.querySelector("[data-countdown]");
  var text = guide.querySelector("[data-phase-text]");
  var lastPhase = null;
  var pending = null;
  var finished = false;

  function beep(frequency) {
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      var audio = new Context();
      var tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch (error) {
      // Sound is a nicety; the screen shows every step.
    }
  }

  function phaseAt(elapsed) {
    var cycle = hold + rest;
    for (var number = 1; number <= holds; number++) {
      var start = (number - 1) * cycle;
      if (elapsed < start + hold) return { kind: "hold", hold: number, left: start + hold - elapsed };
      if (number < holds && elapsed < start + cycle) {
        return { kind: "rest", hold: number, left: start + cycle - elapsed };
      }
    }
    return { kind: "done", hold: holds, left: 0 };
  }

  function tick() {
    window.clearTimeout(pending);
    if (finished) return;
    var elapsed = Math.floor((performance.now() - startedAt) / 1000);
    var phase = phaseAt(elapsed);
    var key = phase.kind + phase.hold;
    if (phase.kind === "done") {
      finished = true;
      beep(660);
      document.title = "Done · Guided stretch";
      if (window.htmx) {
        window.htmx.ajax("GET", guide.dataset.url, { target: "#guide", swap: "outerHTML" });
      }
      return;
    }
    if (lastPhase !== null && key !== lastPhase) beep(phase.kind === "hold" ? 880 : 440);
    lastPhase = key;
    heading.textContent =
      phase.kind === "hold"
        ? "Hold " + phase.hold + " of " + holds
        : "Rest, then hold " + (phase.hold + 1) + " of " + holds;
    text.textContent =
      phase.kind === "hold" ? "Hold the stretch gently. Breathe normally." : "Ease off and relax.";
    countdown.textContent = String(Math.ceil(phase.left));
    document.title = heading.textContent + " · Guided stretch";
    pending = window.setTimeout(tick, 250);
  }

  document.addEventListener("visibilitychange", tick);
  tick();
})();
