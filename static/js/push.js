// Web push on the reminders page: turn reminders' notifications on or off for this browser.
// Subscribing goes through the service worker (static/js/offline.js registers it) with the
// app's public VAPID key; the subscription is saved on the server, which sends reminders to
// it (recovery/reminders/push.py). A browser that cannot says so; reminders still show in the app.
(function () {
  "use strict";
  var box = document.getElementById("push-device");
  if (!box || !box.dataset.key) return;
  var state = document.getElementById("push-state");
  var on = document.getElementById("push-on");
  var off = document.getElementById("push-off");

  function say(text) {
    state.textContent = text;
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("This browser cannot show notifications from a web app; reminders still show in the app.");
    return;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.ok) return response;
      // The server's reason (what it allows), or a general one if it gave none.
      return response.json().then(
        function (answer) { throw new Error(answer.reason || ""); },
        function () { throw new Error(""); }
      );
    });
  }
  // The key as the browser wants it: bytes, from base64url.
  function keyBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  function show(subscription) {
    on.hidden = Boolean(subscription);
    off.hidden = !subscription;
    if (subscription) say("Notifications are on for this device.");
    else if (Notification.permission === "denied") say("Notifications are blocked for this site in this browser's settings; allow them there to turn them on.");
    else say("Notifications are off for this device.");
  }

  var ready = Promise.race([
    navigator.serviceWorker.ready,
    new Promise(function (resolve) { setTimeout(function () { resolve(null); }, 8000); }),
  ]);
  ready.then(function (registration) {
    if (!registration) {
      say("Notifications need the app's background helper (its service worker), which this browser has not started.");
      return;
    }
    return registration.pushManager.getSubscription().then(function (subscription) {
      // Saved again each visit: the browser may have renewed it since.
      if (subscription) post(box.dataset.subscribe, subscription.toJSON()).catch(function () {});
      show(subscription);
    });
  });

  on.addEventListener("click", function () {
    say("Asking this browser…");
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        show(null);
        return;
      }
      return ready.then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key) });
      }).then(function (subscription) {
        return post(box.dataset.subscribe, subscription.toJSON()).then(function () { show(subscription); });
      });
    }).catch(function (error) {
      say((error && error.message) || "Notifications could not be turned on in this browser. Reminders still show in the app.");
    });
  });

  off.addEventListener("click", function () {
    ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return show(null);
      return post(box.dataset.unsubscribe, { endpoint: subscription.endpoint }).then(function () {
        return subscription.unsubscribe();
      }).then(function () { show(null); });
    }).catch(function () {
      say("Notifications could not be turned off; try again.");
    });
  });
})();
