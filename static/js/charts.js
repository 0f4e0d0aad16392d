/* Draws every <canvas data-chart="key"> from the JSON in <script id="key-data"> (made with
   Django's json_script), with the vendored Chart.js. No inline script: the page's data is
   read here. The same figures are in the table under each chart. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var palette = ["#0a4fa8", "#b35900", "#1b7a3d", "#7a1b6e"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart") + "-data");
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.series.map(function (s, i) {
      var colour = palette[i % palette.length];
      return {label: s.label, data: s.data, backgroundColor: colour, borderColor: colour};
    });
    new window.Chart(canvas, {
      type: spec.kind,
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {stacked: spec.stacked, beginAtZero: true},
          y: {stacked: spec.stacked, beginAtZero: true}
        }
      }
    });
    canvas.setAttribute("data-drawn", "1");
  });
})();
