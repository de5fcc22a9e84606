// Installable and offline-first. Registers the service worker (templates/offline/sw.js); says
// so when the page shown is a copy kept on this phone; and keeps what is logged offline on the
// phone (IndexedDB, through the vendored idb) until the connection returns, then sends it to
// /offline/sync/ one at a time in the order it was made, each with the id made here, so that a
// replay, a double tap or two tabs store it once. What the server refuses stays, with its
// reason, until the user sends it again from its form or discards it. Kept logs belong to the
// account that made them: another account, or signing out, deletes them unsent.
(function () {
  "use strict";
  var body = document.body;
  var main = document.getElementById("main");
  var account = body.dataset.account || "";
  var copy = body.dataset.savedAt || "";  // a page kept on the phone, shown offline
  var DOUBLE_TAP_MS = 2000;
  var SUBMISSION = "submission";  // the form's key (recovery/common/submissions.py)
  var MARK = "kept_on_phone";  // tells the service worker a failed send is kept here

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // Without a worker the app works as before, online only.
    });
  }

  // Times as the rest of the app shows them: in the user's own zone.
  function time(ms) {
    var options = { hour: "2-digit", minute: "2-digit" };
    if (body.dataset.zone) options.timeZone = body.dataset.zone;
    return new Date(Number(ms)).toLocaleTimeString([], options);
  }

  function note(className, role, text) {
    var element = document.createElement("p");
    element.className = className;
    if (role) element.setAttribute("role", role);
    element.textContent = text;
    return element;
  }

  if (copy && main) {
    main.insertBefore(note("offline-note", "status", "You are offline: this is a saved copy from " + time(copy) + "."), main.firstChild);
  }

  if (!window.idb || !main) return;
  var database = window.idb.openDB("leg-recovery-offline", 1, {
    upgrade: function (db) {
      db.createObjectStore("kept", { keyPath: "seq", autoIncrement: true });
    },
  });

  function kept() {
    return database.then(function (db) { return db.getAll("kept"); });
  }
  function mine(items) {
    return items.filter(function (item) { return item.account === account; });
  }
  function put(item) {
    return database.then(function (db) { return db.put("kept", item); });
  }
  function forget(item) {
    return database.then(function (db) { return db.delete("kept", item.seq); });
  }

  // --- what the page shows -------------------------------------------------------------
  var panel = document.createElement("section");
  panel.className = "offline-queue";
  panel.id = "offline-queue";
  panel.setAttribute("aria-label", "Kept on this phone");
  panel.hidden = true;
  main.insertBefore(panel, copy ? main.children[1] : main.firstChild);

  // What the last sync stored, said on the page it reloaded (once).
  var synced = sessionStorage.getItem("offline-synced");
  sessionStorage.removeItem("offline-synced");

  // A form sent from a live page is not said to wait before the sync has asked the server
  // whether it arrived (it almost always did).
  function waits(item) {
    return item.state === "waiting" && (!item.sent || copy || settled);
  }

  function show() {
    return kept().then(function (items) {
      items = mine(items);
      var waiting = items.filter(waits);
      var refused = items.filter(function (item) { return item.state === "refused"; });
      panel.replaceChildren();
      if (waiting.length) {
        panel.appendChild(note("offline-waiting", "status", "Saved on this phone; will sync when the connection returns: " + waiting.length + " waiting."));
      } else if (synced) {
        var done = JSON.parse(synced);
        panel.appendChild(note("offline-synced", "status", "Synced " + done.count + " kept on this phone at " + time(done.at) + "."));
      }
      icing(items).forEach(function (row) { panel.appendChild(row); });
      if (refused.length) {
        var heading = document.createElement("h2");
        heading.textContent = "Not stored: fix or discard";
        panel.appendChild(heading);
        var list = document.createElement("ul");
        refused.forEach(function (item) { list.appendChild(refusedRow(item)); });
        panel.appendChild(list);
      }
      panel.hidden = !panel.children.length;
      tick();
    });
  }

  // Ice started on this phone while offline: its countdown, and a stop kept the same way.
  function icing(items) {
    var stops = items.filter(function (item) { return item.kind === "ice-stop"; });
    return items.filter(function (item) {
      var ends = item.made_at + Number(item.fields.minutes || 20) * 60000;
      return item.kind === "ice-start" && waits(item) && ends > Date.now() &&
        !stops.some(function (stop) { return stop.fields.start === item.id; });
    }).map(function (item) {
      var ends = item.made_at + Number(item.fields.minutes || 20) * 60000;
      var row = document.createElement("div");
      row.className = "offline-ice";
      var left = note("countdown-inline offline-countdown", "timer", "");
      left.setAttribute("aria-label", "Ice time left");
      left.dataset.ends = String(ends);
      row.appendChild(note("", null, "Ice started at " + time(item.made_at) + " (kept on this phone): ends at " + time(ends) + ". Check your skin every 5 minutes."));
      row.appendChild(left);
      var stop = document.createElement("button");
      stop.type = "button";
      stop.className = "button";
      stop.textContent = "Stop the ice now";
      stop.addEventListener("click", function () {
        var now = Date.now();
        put({
          id: crypto.randomUUID(), account: account, kind: "ice-stop", target: null,
          fields: { start: item.id }, made_at: now, label: "Ice stopped", page: location.pathname,
          state: "waiting",
        }).then(show);
      });
      row.appendChild(stop);
      return row;
    });
  }

  function tick() {
    panel.querySelectorAll("[data-ends]").forEach(function (left) {
      var seconds = Math.max(0, Math.ceil((Number(left.dataset.ends) - Date.now()) / 1000));
      var rest = seconds % 60;
      left.textContent = seconds ? Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest : "Done: take the ice off.";
    });
  }
  setInterval(tick, 1000);

  function refusedRow(item) {
    var row = document.createElement("li");
    row.appendChild(document.createTextNode(item.label + " (kept at " + time(item.made_at) + "): " + item.reason + " "));
    var fix = document.createElement("a");
    fix.href = item.page + "#fix-" + item.seq;
    fix.textContent = "Open its form";
    fix.setAttribute("aria-label", "Open the form of " + item.label + " kept at " + time(item.made_at));
    row.appendChild(fix);
    row.appendChild(document.createTextNode(" "));
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = "Discard";
    discard.setAttribute("aria-label", "Discard " + item.label + " kept at " + time(item.made_at));
    discard.addEventListener("click", function () { forget(item).then(show); });
    row.appendChild(discard);
    return row;
  }

  // --- keeping a log made offline ------------------------------------------------------
  function fieldsOf(form, submitter) {
    var fields = {};
    new FormData(form, submitter || undefined).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === SUBMISSION || name === MARK) return;
      fields[name] = name in fields ? [].concat(fields[name], value) : value;
    });
    return fields;
  }

  function sameAs(item, kind, target, fields, now) {
    return item.kind === kind && item.target === target && now - item.made_at < DOUBLE_TAP_MS &&
      JSON.stringify(item.fields) === JSON.stringify(fields);
  }

  // The warning signs of an entry kept offline: the advice for the gravest, at once.
  function adviseNow(fields) {
    var source = document.getElementById("offline-advice");
    if (!source) return;
    var advice = JSON.parse(source.textContent);
    var worst = null;
    Object.keys(fields).forEach(function (name) {
      var sign = advice.signs[name];
      if (sign && (!worst || sign.level > worst.level)) worst = sign;
    });
    if (!worst) return;
    var box = document.createElement("section");
    box.className = "advice advice-" + worst.css + " offline-advice";
    box.setAttribute("role", "alert");
    var heading = document.createElement("h2");
    heading.textContent = worst.label;
    box.appendChild(heading);
    box.appendChild(note("", null, worst.text));
    var number = worst.level >= 3 ? advice.emergency : advice.urgent || advice.emergency;
    var call = document.createElement("a");
    call.className = "button phone";
    call.href = "tel:" + number;
    call.textContent = "Call " + (worst.level >= 3 || !advice.urgent ? number : advice.urgent_label);
    box.appendChild(call);
    box.appendChild(note("source", null, "Source: " + worst.source + ". This advice comes with the page; the app checks again when the entry syncs."));
    main.insertBefore(box, main.firstChild);
    box.scrollIntoView();
  }

  function stoppedHere(now) {
    var timer = document.getElementById("timer");
    if (!timer) return;
    var done = document.createElement("section");
    done.className = "timer";
    var heading = document.createElement("h2");
    heading.textContent = "Stopped at " + time(now);
    done.appendChild(heading);
    done.appendChild(note("", null, "Take the ice off. The stop is kept on this phone and sent, with its time, when the connection returns."));
    timer.replaceWith(done);
  }

  // Now, in the user's own zone (the server reads the form's times in it), as the input wants.
  function nowInZone() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: body.dataset.zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  }

  // A form's times were filled in when the page was drawn, maybe long ago: one left as it was
  // means now.
  function timesNow(form) {
    if (!body.dataset.zone) return;
    form.querySelectorAll('input[type="datetime-local"]').forEach(function (input) {
      if (input.value === input.defaultValue) input.value = nowInZone();
    });
  }

  function keepOffline(form, submitter, id) {
    var kind = form.dataset.offline;
    var target = form.dataset.offlineTarget || null;
    var fields = fieldsOf(form, submitter);
    var now = Date.now();
    var fixing = location.hash.indexOf("#fix-") === 0 ? Number(location.hash.slice(5)) : null;
    return kept().then(function (items) {
      if (mine(items).some(function (item) { return sameAs(item, kind, target, fields, now); })) return;
      var item = {
        id: id || crypto.randomUUID(), account: account, kind: kind, target: target, fields: fields,
        made_at: now, label: form.dataset.offlineLabel || "A log", page: location.pathname, state: "waiting",
      };
      return put(item).then(function () {
        var old = fixing && items.find(function (one) { return one.seq === fixing && one.account === account; });
        if (old) return forget(old);
      });
    }).then(function () {
      if (kind === "entry") adviseNow(fields);
      if (kind === "ice-stop") stoppedHere(now);
      form.reset();
      return show();
    }).then(function () {
      if (!document.querySelector(".offline-advice")) panel.scrollIntoView();
    });
  }

  // --- a log form sent with a connection --------------------------------------------
  // The browser may say it is online while the network carries nothing (a weak signal, a
  // basement gym). So a log form is kept on the phone as it is sent, under the form's key (the
  // one the server records with the log). If the send fails, the service worker brings back
  // this page, where it waits; if it arrived, the next page's sync finds the key taken and
  // forgets it: stored once either way.
  function keyOf(form) {
    var input = form.querySelector('input[name="' + SUBMISSION + '"]');
    if (!input || input.dataset.made) {
      if (!input) {
        input = hidden(form, SUBMISSION);
        input.dataset.made = "here";  // a new key each time this page sends the form
      }
      input.value = crypto.randomUUID();
    }
    return input.value;
  }

  function hidden(form, name) {
    var input = form.querySelector('input[name="' + name + '"]') || document.createElement("input");
    input.type = "hidden";
    input.name = name;
    form.appendChild(input);
    return input;
  }

  function keepSent(form, submitter) {
    var item = {
      id: keyOf(form), account: account, kind: form.dataset.offline,
      target: form.dataset.offlineTarget || null, fields: fieldsOf(form, submitter), made_at: Date.now(),
      label: form.dataset.offlineLabel || "A log", page: location.pathname, state: "waiting", sent: true,
    };
    return put(item).then(function () { hidden(form, MARK).value = "1"; });
  }

  function sendKept(event) {
    var form = event.target;
    if (form.dataset.sending === "go" || form.hasAttribute("hx-post")) return;  // htmx: below
    event.preventDefault();
    event.stopImmediatePropagation();
    if (form.dataset.sending) return;  // a second tap while the first is being kept
    form.dataset.sending = "keeping";
    var submitter = event.submitter;
    var go = function () {
      form.dataset.sending = "go";
      if (submitter) form.requestSubmit(submitter);
      else form.requestSubmit();
    };
    keepSent(form, submitter).then(go, go);
  }
  // Back to this page from the next (the browser's back-forward cache): its forms send anew.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sending]").forEach(function (form) { delete form.dataset.sending; });
  });

  var lastKept = { what: "", at: 0 };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.offline || !account) return;
    if (navigator.onLine) {
      sendKept(event);
      return;
    }
    // Before htmx or the browser send it: there is no connection to send it on.
    event.preventDefault();
    event.stopImmediatePropagation();
    // Ice goes on the skin only through a cloth: the tick the server asks for, asked here too.
    var barrier = form.querySelector('input[name="barrier"]');
    if (form.dataset.offline === "ice-start" && barrier && !barrier.checked) {
      barrier.setCustomValidity("Put a cloth or towel between the ice and your skin, then tick this box.");
      barrier.reportValidity();
      barrier.setCustomValidity("");
      return;
    }
    timesNow(form);
    // A double tap: the same form sent again at once is kept once (checked here, before the
    // first is written, as well as against what is kept).
    var what = form.dataset.offline + JSON.stringify(fieldsOf(form, event.submitter));
    if (what === lastKept.what && Date.now() - lastKept.at < DOUBLE_TAP_MS) return;
    lastKept = { what: what, at: Date.now() };
    keepOffline(form, event.submitter);
  }, true);

  // A form sent by htmx carries a key of its own too; if its request never arrives (or its
  // answer never comes back), it is kept under that key, which the server may already hold.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-offline]");
    if (!form || !event.detail.formData) return;
    var key = event.detail.formData.get(SUBMISSION) || crypto.randomUUID();
    event.detail.formData.set(SUBMISSION, key);
    form.dataset.key = key;
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest("form[data-offline]");
    if (form && account) keepOffline(form, null, form.dataset.key);
  });

  // A refused log sent again from its form: the form is filled with what was kept.
  function fillForFix() {
    if (location.hash.indexOf("#fix-") !== 0) return;
    var seq = Number(location.hash.slice(5));
    kept().then(function (items) {
      var item = mine(items).find(function (one) { return one.seq === seq; });
      var form = item && document.querySelector('form[data-offline="' + item.kind + '"]');
      if (!form) return;
      Object.keys(item.fields).forEach(function (name) {
        var values = [].concat(item.fields[name]);
        form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
          if (input.type === "checkbox" || input.type === "radio") input.checked = values.indexOf(input.value) >= 0;
          else input.value = values[0];
        });
      });
      form.addEventListener("submit", function () { if (navigator.onLine) forget(item); });
    });
  }

  // --- sending what was kept -----------------------------------------------------------
  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  function send(item) {
    return fetch("/offline/sync/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ id: item.id, kind: item.kind, made_at: item.made_at, fields: item.fields, target: item.target }),
    }).then(function (response) {
      return response.json().then(function (answer) { return answer; }, function () { return { status: "error" }; });
    });
  }

  function sendAll() {
    return kept().then(function (items) {
      var waiting = mine(items).filter(function (item) { return item.state === "waiting"; });
      var stored = 0;
      var next = Promise.resolve(true);
      waiting.forEach(function (item) {  // one at a time, in the order they were made
        next = next.then(function (going) {
          if (!going) return false;
          return send(item).then(function (answer) {
            if (answer.status === "stored") {
              // Sent from its page and found there: nothing new to show.
              if (!(item.sent && answer.repeat)) stored += 1;
              return forget(item).then(function () { return true; });
            }
            if (answer.status === "refused") {
              item.state = "refused";
              item.reason = answer.reason;
              return put(item).then(function () { return true; });
            }
            return false;  // signed out, or the server is not answering: try again later
          }, function () { return false; });
        });
      });
      return next.then(function () { return stored; });
    });
  }

  var sending = false;
  var settled = false;  // the first sync has had its try
  function settle() {
    settled = true;
    return show();
  }
  function sync() {
    if (sending || !account || copy || !navigator.onLine) return settle();
    sending = true;
    var run = function () { return sendAll(); };
    var done = navigator.locks ? navigator.locks.request("offline-sync", run) : run();
    return done.then(function (stored) {
      sending = false;
      if (stored) {
        sessionStorage.setItem("offline-synced", JSON.stringify({ count: stored, at: Date.now() }));
        // The server's view of the new logs (its advice, counts and charts), by a fresh GET:
        // a page that was a form's answer is not sent again.
        location.replace(location.href);
        return;
      }
      return settle();  // what was refused, with its reason; what still waits
    }, function () {
      sending = false;
      return settle();
    });
  }

  // The page that answered a form sent from here (its errors shown at the form, with what was
  // typed): that form is no longer kept.
  function answered() {
    var key = body.dataset.answered;
    if (!key || copy) return Promise.resolve();
    return kept().then(function (items) {
      return Promise.all(mine(items).filter(function (item) { return item.sent && item.id === key; }).map(forget));
    });
  }

  // Another account's logs never go out as this one's: a page of another account deletes
  // them. (A page of no account does not: the log-in page after a session ran out, or a page
  // kept for everyone, may come before the same person is back. Logging out deletes them.)
  function forgetOthers() {
    if (copy || !account) return Promise.resolve();
    return kept().then(function (items) {
      return Promise.all(items.filter(function (item) { return item.account !== account; }).map(forget));
    });
  }

  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action");
    if (action !== "/accounts/logout/" || !account) return;
    kept().then(function (items) { return Promise.all(mine(items).map(forget)); });
  }, true);

  // "online" can come before the network really answers (or, as a browser re-checks, while
  // it still does not): the server is asked first, and only an answer counts.
  function reachable() {
    return fetch("/healthz", { method: "HEAD", cache: "no-store" }).then(
      function (response) { return response.ok; },
      function () { return false; }
    );
  }
  window.addEventListener("online", function () {
    reachable().then(function (up) {
      if (!up) return;
      if (copy) location.reload();  // a kept copy: the live page sends what waits
      else sync();
    });
  });
  // A kept copy's forms were filled in when it was kept: a time left as it was is now.
  if (copy) document.querySelectorAll("form[data-offline]").forEach(timesNow);
  // A saved copy shown with logs waiting, on a network the browser calls online: asked now
  // and then whether the server answers, and the live page opened when it does.
  if (copy) {
    setInterval(function () {
      if (!navigator.onLine || panel.hidden) return;
      reachable().then(function (up) { if (up) location.reload(); });
    }, 20000);
  }
  forgetOthers().then(answered).then(show).then(sync).then(fillForFix);
})();
