// The ice timer's countdown. The server sends the seconds left when it rendered the page;
// from then on only the browser's monotonic clock (performance.now) is used, so a device
// clock that is wrong by minutes changes nothing, and a throttled background tab catches up
// as soon as it runs. A reload asks the server again.
(function () {
  "use strict";
  var CHECK_TEXT =
    "Time to check your skin. Lift the ice: if the skin is white or blotchy, numb, or very red, stop now.";

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function beep(times) {
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      var audio = new Context();
      for (var i = 0; i < times; i++) {
        var tone = audio.createOscillator();
        var gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.15;
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + i * 0.35);
        tone.stop(audio.currentTime + i * 0.35 + 0.2);
      }
    } catch (error) {
      // Sound is a nicety; the page still shows the state.
    }
  }

  function run(timer) {
    if (timer.dataset.status !== "running") return;
    var total = Number(timer.dataset.total);
    var ringLength = Number(timer.dataset.ringLength);
    var checkEvery = Number(timer.dataset.checkEvery);
    var endsAt = performance.now() + Number(timer.dataset.remaining) * 1000;
    var countdown = timer.querySelector("[data-countdown]");
    var ring = timer.querySelector("[data-ring]");
    var skinCheck = timer.querySelector("[data-skin-check]");
    var notify = timer.querySelector("[data-notify]");
    var elapsedAtLoad = total - Number(timer.dataset.remaining);
    var nextCheck = (Math.floor(elapsedAtLoad / checkEvery) + 1) * checkEvery;
    var finished = false;
    var pending = null;

    if (notify && "Notification" in window && Notification.permission === "default") {
      notify.hidden = false;
      notify.addEventListener("click", function () {
        Notification.requestPermission().then(function () {
          notify.hidden = true;
        });
      });
    }

    function finish() {
      finished = true;
      countdown.textContent = "0:00";
      document.title = "Done · Ice timer";
      beep(3);
      if ("Notification" in window && Notification.permission === "granted") {
        new Notification("Ice session done", { body: "Take the ice off and let your skin warm up." });
      }
      if (window.htmx) {
        window.htmx.ajax("GET", timer.dataset.url, { target: "#timer", swap: "outerHTML" });
      }
    }

    function tick() {
      window.clearTimeout(pending);
      if (finished) return;
      var left = Math.max(0, Math.ceil((endsAt - performance.now()) / 1000));
      countdown.textContent = format(left);
      document.title = format(left) + " · Ice timer";
      ring.style.strokeDashoffset = String((ringLength * left) / total);
      var elapsed = total - left;
      if (left > 0 && elapsed >= nextCheck) {
        skinCheck.textContent = CHECK_TEXT;
        skinCheck.hidden = false;
        beep(1);
        while (nextCheck <= elapsed) nextCheck += checkEvery;
      }
      if (left === 0) {
        finish();
        return;
      }
      pending = window.setTimeout(tick, 250);
    }

    document.addEventListener("visibilitychange", tick);
    tick();
  }

  run(document.getElementById("timer"));
})();
