/* The statistics page: draws each chart from the Chart.js configuration the server put in its canvas's data-chart
   attribute (the same figures as the tables beside it). No inline scripts (CSP). */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var palette = ["#1f5fbf", "#b42318", "#1d7a3e", "#8a5a00", "#6b4fbb"];
  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
    var config;
    try { config = JSON.parse(canvas.getAttribute("data-chart")); } catch (e) { return; }
    config.data.datasets.forEach(function (dataset, index) {
      var colour = palette[index % palette.length];
      if (!dataset.backgroundColor) { dataset.backgroundColor = index === 0 ? colour + "99" : colour + "cc"; }
      if (!dataset.borderColor) { dataset.borderColor = colour; }
      if (dataset.borderWidth === undefined) { dataset.borderWidth = dataset.type === "line" ? 1.5 : 1; }
    });
    new window.Chart(canvas, config);
  });
})();
