// Trends on the doctor's chart: blood pressure, pulse and weight over time, drawn with Chart.js from the points the
// page carries in data-points (the same points are in the table under the chart for those who do not see it).
(function () {
  'use strict';
  function draw() {
    var canvas = document.getElementById('vitals-trend');
    if (!canvas || typeof window.Chart === 'undefined') {
      return;
    }
    var points = JSON.parse(canvas.getAttribute('data-points') || '[]');
    var labels = (canvas.getAttribute('data-labels') || '|||').split('|');
    function series(key) {
      return points.map(function (p) { return p[key] === undefined ? null : p[key]; });
    }
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: points.map(function (p) { return p.at; }),
        datasets: [
          { label: labels[0], data: series('systolic'), borderColor: '#b3261e', spanGaps: true, yAxisID: 'y' },
          { label: labels[1], data: series('diastolic'), borderColor: '#e8833a', spanGaps: true, yAxisID: 'y' },
          { label: labels[2], data: series('pulse'), borderColor: '#1d6fb8', spanGaps: true, yAxisID: 'y' },
          { label: labels[3], data: series('weightKg'), borderColor: '#2e7d32', spanGaps: true, yAxisID: 'weight' }
        ]
      },
      options: {
        animation: false,
        scales: { y: { position: 'left' }, weight: { position: 'right', grid: { drawOnChartArea: false } } }
      }
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
