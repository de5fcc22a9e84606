// What the ice timer and the guided stretch share. Each starts from the server's count of
// seconds and from then on uses only the browser's monotonic clock (performance.now), so a
// device clock that is wrong by minutes changes nothing; the loop runs four times a second
// and again as soon as a throttled background tab becomes visible.
window.LegTimer = (function () {
  "use strict";

  // Seconds since the start, given how many had passed when the server rendered the page.
  function elapsedFrom(secondsAtLoad) {
    var startedAt = performance.now() - secondsAtLoad * 1000;
    return function () {
      return (performance.now() - startedAt) / 1000;
    };
  }

  // Calls `tick` until it returns false.
  function every(tick) {
    var pending = null;
    var stopped = false;
    function run() {
      window.clearTimeout(pending);
      if (stopped) return;
      if (tick() === false) {
        stopped = true;
        return;
      }
      pending = window.setTimeout(run, 250);
    }
    document.addEventListener("visibilitychange", run);
    run();
  }

  function beep(frequency, times) {
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      var audio = new Context();
      for (var i = 0; i < (times || 1); i++) {
        var tone = audio.createOscillator();
        var gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.value = 0.15;
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + i * 0.35);
        tone.stop(audio.currentTime + i * 0.35 + 0.2);
      }
    } catch (error) {
      // Sound is a nicety; the page always shows the state in words.
    }
  }

  // "m:ss"
  function minutesText(seconds) {
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // Ask the server for the finished state and swap it in.
  function refresh(element) {
    if (window.htmx) {
      window.htmx.ajax("GET", element.dataset.url, { target: "#" + element.id, swap: "outerHTML" });
    }
  }

  return { elapsedFrom: elapsedFrom, every: every, beep: beep, minutesText: minutesText, refresh: refresh };
})();
