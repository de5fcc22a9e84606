// The ice timer's countdown, the skin-check reminder every 5 minutes, and the sound and
// notification at the end (timer.js has the clock). A reload asks the server again.
(function () {
  "use strict";
  var CHECK_TEXT =
    "Time to check your skin. Lift the ice: if the skin is white or blotchy, numb, or very red, stop now.";
  var timer = document.getElementById("timer");
  if (!timer || timer.dataset.status !== "running") return;
  var total = Number(timer.dataset.total);
  var ringLength = Number(timer.dataset.ringLength);
  var checkEvery = Number(timer.dataset.checkEvery);
  // A copy kept on the phone (shown offline) was drawn when it was kept: the time since then
  // has passed too.
  var saved = Number(document.body.dataset.savedAt || 0);
  var since = saved ? Math.max(0, (Date.now() - saved) / 1000) : 0;
  var elapsed = LegTimer.elapsedFrom(Math.min(total, total - Number(timer.dataset.remaining) + since));
  var countdown = timer.querySelector("[data-countdown]");
  var ring = timer.querySelector("[data-ring]");
  var skinCheck = timer.querySelector("[data-skin-check]");
  var notify = timer.querySelector("[data-notify]");
  var nextCheck = (Math.floor(elapsed() / checkEvery) + 1) * checkEvery;

  if (notify && "Notification" in window && Notification.permission === "default") {
    notify.hidden = false;
    notify.addEventListener("click", function () {
      Notification.requestPermission().then(function () {
        notify.hidden = true;
      });
    });
  }

  function finish() {
    countdown.textContent = "0:00";
    document.title = "Done · Ice timer";
    LegTimer.beep(880, 3);
    if ("Notification" in window && Notification.permission === "granted") {
      new Notification("Ice session done", { body: "Take the ice off and let your skin warm up." });
    }
    LegTimer.refresh(timer);
  }

  LegTimer.every(function () {
    if (!timer.isConnected) return false;  // stopped on this phone while offline (offline.js)
    var left = Math.max(0, Math.ceil(total - elapsed()));
    countdown.textContent = LegTimer.minutesText(left);
    document.title = LegTimer.minutesText(left) + " · Ice timer";
    ring.style.strokeDashoffset = String((ringLength * left) / total);
    var done = total - left;
    if (left > 0 && done >= nextCheck) {
      skinCheck.textContent = CHECK_TEXT;
      skinCheck.hidden = false;
      LegTimer.beep(880, 1);
      while (nextCheck <= done) nextCheck += checkEvery;
    }
    if (left === 0) {
      finish();
      return false;
    }
    return true;
  });
})();
