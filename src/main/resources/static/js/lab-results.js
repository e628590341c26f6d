// Draws a laboratory trend with Chart.js from the table the page renders (the table stays for screen readers and
// when scripts are off). The range's limits come from data attributes; no inline script (CSP).
(function () {
  "use strict";

  function number(text) {
    var value = parseFloat(String(text || "").replace(",", "."));
    return isNaN(value) ? null : value;
  }

  function draw(figure, attempt) {
    if (figure.dataset.drawn === "true") {
      return;
    }
    if (typeof Chart === "undefined") {
      // inserted by htmx, the chart library may still be loading: look again a few times
      if ((attempt || 0) < 20) {
        window.setTimeout(function () { draw(figure, (attempt || 0) + 1); }, 100);
      }
      return;
    }
    var table = document.getElementById(figure.dataset.table);
    var canvas = figure.querySelector("canvas");
    if (!table || !canvas) {
      return;
    }
    var labels = [];
    var values = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      labels.push(row.dataset.when);
      values.push(number(row.dataset.value));
    });
    var low = number(figure.dataset.low);
    var high = number(figure.dataset.high);
    var datasets = [{
      label: figure.dataset.label,
      data: values,
      borderColor: "#0b6b66",
      backgroundColor: "#0b6b66",
      pointRadius: 4,
      tension: 0
    }];
    if (low !== null) {
      datasets.push({ label: figure.dataset.lowLabel, data: labels.map(function () { return low; }),
        borderColor: "#8a5a00", borderDash: [6, 4], pointRadius: 0, fill: false });
    }
    if (high !== null) {
      datasets.push({ label: figure.dataset.highLabel, data: labels.map(function () { return high; }),
        borderColor: "#a4161a", borderDash: [6, 4], pointRadius: 0, fill: false });
    }
    figure.dataset.drawn = "true";
    new Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { title: { display: true, text: figure.dataset.unit } } }
      }
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-lab-trend]").forEach(function (figure) { draw(figure, 0); });
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
