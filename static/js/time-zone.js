// Offers the device's own time zone for every time-zone field (data-browser-time-zone).
// On sign-up a field still holding the server's default (UTC) is filled in; elsewhere a
// button offers the switch instead, so a saved choice is never overwritten.
(function () {
  "use strict";
  var deviceZone;
  try {
    deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!deviceZone) return;

  document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
    if (input.value === deviceZone) return;
    if (input.form.dataset.fillTimeZone === "yes" && input.value === "UTC") {
      input.value = deviceZone;
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = "Use this device's time zone (" + deviceZone + ")";
    button.addEventListener("click", function () {
      input.value = deviceZone;
      input.focus();
    });
    input.insertAdjacentElement("afterend", button);
  });
})();
