// Draws the charts from the data the server put in #chart-data (json_script), and again
// after htmx swaps in a new range. Lines differ by dash pattern and points by shape, not
// only by colour; animation is off so the charts are complete when printed.
(function () {
  "use strict";
  var NAVY = "#1b4f8a";
  var BROWN = "#8a4b00";
  var TEAL = "#0b5d57";
  var RED = "#a4001d";
  var GREY = "#4a5659";

  function dayLabel(zone) {
    var format = new Intl.DateTimeFormat(undefined, { timeZone: zone, day: "numeric", month: "short" });
    return function (value) {
      return format.format(new Date(value));
    };
  }

  function base(extra) {
    var options = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { usePointStyle: true } } },
    };
    return Object.assign(options, extra || {});
  }

  function timeAxis(zone) {
    return { type: "linear", ticks: { callback: dayLabel(zone), maxTicksLimit: 8 } };
  }

  function at(values) {
    return values.map(function (value) {
      return typeof value === "number" ? value : Date.parse(value);
    });
  }

  var DAY_MS = 24 * 60 * 60 * 1000;

  // Up to 30 days a point is an entry, at its time. From 90 days on (data.daily) a point is
  // a day, sent as a count of days from day0_ms (noon on the first day), and warning signs
  // come as the positions of the flagged points.
  function painChart(canvas, injury, data) {
    var daily = data.daily;
    var when = daily
      ? function (days) { return days.map(function (day) { return data.day0_ms + day * DAY_MS; }); }
      : at;
    var times = when(daily ? injury.days : injury.times);
    var flaggedAt = daily
      ? injury.flagged
      : injury.red_flags.map(function (flags, i) { return flags.length ? i : -1; }).filter(function (i) { return i >= 0; });
    var points = function (values) {
      return times.map(function (x, i) {
        return { x: x, y: values[i] };
      });
    };
    var flagged = flaggedAt.map(function (i) {
      return { x: times[i], y: injury.pain[i] };
    });
    var marks = function (values, y) {
      return when(values).map(function (x) {
        return { x: x, y: y };
      });
    };
    var zone = data.zone;
    return new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          { label: daily ? "Average pain that day" : "Pain (0-10)", data: points(injury.pain), borderColor: NAVY, backgroundColor: NAVY, pointStyle: "circle", pointRadius: daily ? 2 : 4 },
          { label: "7-day average", data: points(injury.average), borderColor: BROWN, backgroundColor: BROWN, borderDash: [8, 5], pointRadius: 0 },
          { label: daily ? "Days with warning signs" : "Warning signs", type: "scatter", data: flagged, borderColor: RED, backgroundColor: RED, pointStyle: "crossRot", pointRadius: 9, borderWidth: 3 },
          { label: daily ? "Days with ice" : "Ice", type: "scatter", data: marks(injury.ice, 0.3), borderColor: TEAL, backgroundColor: TEAL, pointStyle: "triangle", pointRadius: daily ? 4 : 6 },
          { label: daily ? "Days with stretches" : "Stretches", type: "scatter", data: marks(injury.stretches, 0.8), borderColor: GREY, backgroundColor: GREY, pointStyle: "rectRot", pointRadius: daily ? 4 : 6 },
        ],
      },
      // The points are already {x, y} in time order: Chart.js need not parse or sort them.
      options: base({ parsing: false, normalized: true, scales: { x: timeAxis(zone), y: { min: 0, max: 10, title: { display: true, text: "Pain" } } } }),
    });
  }

  function fluidsChart(canvas, data) {
    var labels = data.fluids.map(function (row) { return row[0]; });
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [
          { label: "Drinks (mL)", data: data.fluids.map(function (row) { return row[1]; }), backgroundColor: NAVY },
          { label: "Goal (mL)", type: "line", data: labels.map(function () { return data.goal_ml; }), borderColor: BROWN, borderDash: [8, 5], pointRadius: 0 },
        ],
      },
      options: base({ scales: { y: { beginAtZero: true } } }),
    });
  }

  function iceChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.ice.map(function (row) { return row[0]; }),
        datasets: [
          { label: "Minutes of ice", data: data.ice.map(function (row) { return row[2]; }), backgroundColor: TEAL, yAxisID: "minutes" },
          { label: "Sessions", type: "line", data: data.ice.map(function (row) { return row[1]; }), borderColor: BROWN, borderDash: [3, 3], pointStyle: "triangle", pointRadius: 5, yAxisID: "sessions" },
        ],
      },
      options: base({ scales: { minutes: { position: "left", beginAtZero: true }, sessions: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } } }),
    });
  }

  function stretchChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.stretch.map(function (row) { return row[0]; }),
        datasets: [{ label: "Minutes of stretching", data: data.stretch.map(function (row) { return row[1]; }), backgroundColor: GREY }],
      },
      options: base({ scales: { y: { beginAtZero: true } } }),
    });
  }

  function crampChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.cramps.map(function (row) { return row[0]; }),
        datasets: [
          { label: "At night", data: data.cramps.map(function (row) { return row[1]; }), backgroundColor: NAVY, borderColor: "#000", borderWidth: 1 },
          { label: "By day", data: data.cramps.map(function (row) { return row[2]; }), backgroundColor: "#f3c98b", borderColor: BROWN, borderWidth: 2 },
        ],
      },
      options: base({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    });
  }

  // The programme's adherence: sessions done each week (bars) against those planned (line).
  function exerciseChart(canvas, data) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.exercise.map(function (row) { return row[0]; }),
        datasets: [
          { label: "Sessions done", data: data.exercise.map(function (row) { return row[1]; }), backgroundColor: TEAL },
          { label: "Sessions planned", type: "line", data: data.exercise.map(function (row) { return row[2]; }), borderColor: BROWN, borderDash: [8, 5], pointStyle: "rect", pointRadius: 4 },
        ],
      },
      options: base({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
    });
  }

  // One exercise a week: its volume (bars), the heaviest load and the highest pain during.
  function exerciseOneChart(canvas, item, data) {
    var weeks = item.weeks;
    var column = function (index) { return weeks.map(function (row) { return row[index]; }); };
    var loads = column(3);
    var datasets = [
      { label: item.unit.charAt(0).toUpperCase() + item.unit.slice(1), data: column(2), backgroundColor: TEAL, yAxisID: "volume" },
      { label: "Highest pain during (0-10)", type: "line", data: column(4), borderColor: RED, backgroundColor: RED, borderDash: [3, 3], pointStyle: "triangle", pointRadius: 5, spanGaps: true, yAxisID: "pain" },
    ];
    var scales = {
      volume: { position: "left", beginAtZero: true, ticks: { precision: 0 } },
      pain: { position: "right", min: 0, max: 10, grid: { drawOnChartArea: false } },
    };
    if (loads.some(function (load) { return load !== null; })) {
      var unit = data.load_unit;
      datasets.push({ label: "Heaviest load (" + unit + ")", type: "line", data: loads, borderColor: NAVY, backgroundColor: NAVY, pointStyle: "rect", pointRadius: 4, spanGaps: true, yAxisID: "load" });
      scales.load = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: unit } };
    }
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: column(0), datasets: datasets },
      options: base({ scales: scales }),
    });
  }

  function drawOne(canvas, data) {
    var existing = window.Chart.getChart(canvas);
    if (existing) existing.destroy();
    var kind = canvas.dataset.chart;
    if (kind === "pain") {
      var injury = data.injuries.find(function (item) { return String(item.id) === canvas.dataset.injury; });
      if (injury) painChart(canvas, injury, data);
    } else if (kind === "fluids") fluidsChart(canvas, data);
    else if (kind === "ice") iceChart(canvas, data);
    else if (kind === "stretch") stretchChart(canvas, data);
    else if (kind === "cramps") crampChart(canvas, data);
    else if (kind === "exercise") exerciseChart(canvas, data);
    else if (kind === "exercise-one") {
      var item = data.exercises.find(function (one) { return String(one.id) === canvas.dataset.exercise; });
      if (item) exerciseOneChart(canvas, item, data);
    }
  }

  // Charts are drawn as they come into view (each in its own task), not all at load: the
  // page is ready sooner on a phone. Printing draws the ones not seen yet.
  var pending = new Map();
  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          // One task per chart: several coming into view together would otherwise be drawn
          // in one long task that holds up the page. It stays pending until drawn, so that
          // printing in between still draws it.
          setTimeout(function () {
            var data = pending.get(entry.target);
            if (!data) return;  // drawn for printing meanwhile, or taken away by a swap
            pending.delete(entry.target);
            if (entry.target.isConnected) drawOne(entry.target, data);
          }, 0);
        });
      }, { rootMargin: "200px 0px" })
    : null;

  function draw(root) {
    var source = root.querySelector("#chart-data") || document.getElementById("chart-data");
    if (!source || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    pending.forEach(function (_, canvas) {  // forget canvases a swap has taken away
      if (!canvas.isConnected) {
        if (observer) observer.unobserve(canvas);
        pending.delete(canvas);
      }
    });
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (!observer) return drawOne(canvas, data);
      pending.set(canvas, data);
      if (canvas.hasAttribute("data-eager")) {
        // A report's charts are drawn straight away, whether seen or not (it is printed, and
        // printing to PDF may not scroll to them), each in a task of its own after the page's.
        setTimeout(function () {
          if (!pending.has(canvas)) return;  // drawn for printing meanwhile
          pending.delete(canvas);
          if (canvas.isConnected) drawOne(canvas, data);
        }, 0);
        return;
      }
      observer.observe(canvas);
    });
  }

  window.addEventListener("beforeprint", function () {
    pending.forEach(function (data, canvas) {
      if (observer) observer.unobserve(canvas);
      if (canvas.isConnected) drawOne(canvas, data);  // not one an htmx swap replaced
    });
    pending.clear();
  });

  draw(document);
  document.body.addEventListener("htmx:afterSettle", function (event) {
    draw(event.detail.elt.ownerDocument ? document : event.detail.elt);
  });
})();
