// Installable and offline-first: registers the service worker (templates/offline/sw.js), and
// says so when the page shown is a copy saved on this phone because the network is down.
(function () {
  "use strict";

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // Without a worker the app works as before, online only.
    });
  }

  function time(ms) {
    var when = new Date(Number(ms));
    return when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  var saved = document.body.dataset.savedAt;
  if (saved) {
    var main = document.getElementById("main");
    var note = document.createElement("p");
    note.className = "offline-note";
    note.setAttribute("role", "status");
    note.textContent = "You are offline: this is a saved copy from " + time(saved) + ".";
    main.insertBefore(note, main.firstChild);
  }
})();
