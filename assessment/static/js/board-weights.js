// What-if weights on the selection board: the sliders re-rank the table in the page (nothing is saved) and mark who
// would enter or leave the shortlist of the chosen size, compared with the ranking under the current weights.
// The same rule as the server (assessment/selection/scoring.py): total = sum of weight x part score, ranked by the
// unrounded total, highest first, ties by the earlier application; shown as a percentage with 2 decimals.
(function () {
  "use strict";
  var form = document.getElementById("weights-form");
  var table = document.getElementById("board");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var sliders = Array.prototype.slice.call(form.querySelectorAll("input[type=range][data-part]"));
  var sizeInput = document.getElementById("shortlist-size");
  var saved = {};
  sliders.forEach(function (s) { saved[s.dataset.part] = parseFloat(form.dataset["saved" + s.dataset.part.charAt(0).toUpperCase() + s.dataset.part.slice(1)]) || 0; });
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr[data-application-id]")).map(function (tr) {
    return {
      id: parseInt(tr.dataset.applicationId, 10),
      tr: tr,
      name: tr.dataset.name,
      scores: { coding: parseFloat(tr.dataset.coding) || 0, essay: parseFloat(tr.dataset.essay) || 0 },
      rankCell: tr.querySelector("td.rank"),
      totalCell: tr.querySelector("td.total strong"),
      badge: tr.querySelector(".whatif-badge"),
      originalTotal: tr.querySelector("td.total strong") ? tr.querySelector("td.total strong").textContent : ""
    };
  });
  var originalOrder = rows.slice();

  function total(row, weights) {
    var sum = 0;
    Object.keys(weights).forEach(function (part) { sum += weights[part] * (row.scores[part] || 0); });
    return sum;
  }

  function ranking(weights) {
    return rows.slice().sort(function (a, b) {
      var diff = total(b, weights) - total(a, weights);
      return Math.abs(diff) > 1e-12 ? diff : a.id - b.id;
    });
  }

  var touched = false; // the sliders were moved since the page loaded (or since "back to the current weights")

  function current() {
    if (!touched) { return saved; }
    var weights = {};
    var sum = 0;
    sliders.forEach(function (s) { sum += parseFloat(s.value) || 0; });
    sliders.forEach(function (s) { weights[s.dataset.part] = sum > 0 ? (parseFloat(s.value) || 0) / sum : 0; });
    return weights;
  }

  function percent(value) {
    // as_percent: value x 100 rounded to 2 decimals
    return (Math.round(value * 100 * 100 + 1e-9) / 100).toFixed(2);
  }

  function show(list, ids) {
    var names = rows.filter(function (r) { return ids.indexOf(r.id) >= 0; }).map(function (r) { return r.name; });
    list.querySelector(".names").textContent = names.join(", ");
    list.hidden = names.length === 0;
  }

  function unchanged(weights) {
    return Object.keys(saved).every(function (part) { return Math.abs((weights[part] || 0) - saved[part]) < 1e-9; });
  }

  function render() {
    var weights = current();
    var asSaved = unchanged(weights);
    var size = Math.max(0, Math.min(rows.length, parseInt(sizeInput.value, 10) || 0));
    var before = ranking(saved).slice(0, size).map(function (r) { return r.id; });
    var order = ranking(weights);
    var after = order.slice(0, size).map(function (r) { return r.id; });
    var enters = after.filter(function (id) { return before.indexOf(id) < 0; });
    var leaves = before.filter(function (id) { return after.indexOf(id) < 0; });
    order.forEach(function (row, index) {
      body.appendChild(row.tr);
      row.rankCell.textContent = String(index + 1);
      row.totalCell.textContent = asSaved ? row.originalTotal : percent(total(row, weights));
      row.tr.classList.toggle("whatif-cut", index === size - 1 && size < rows.length);
      row.badge.textContent = "";
      var label = enters.indexOf(row.id) >= 0 ? "enters" : leaves.indexOf(row.id) >= 0 ? "leaves" : null;
      if (label) {
        var tag = document.createElement("span");
        tag.className = "tag " + label;
        tag.textContent = table.dataset[label + "Label"];
        row.badge.appendChild(document.createTextNode(" "));
        row.badge.appendChild(tag);
      }
    });
    show(document.getElementById("whatif-enters"), enters);
    show(document.getElementById("whatif-leaves"), leaves);
    document.getElementById("whatif-same").hidden = enters.length > 0 || leaves.length > 0;
    table.classList.toggle("whatif", !asSaved);
    sliders.forEach(function (s) { document.getElementById(s.id + "-out").textContent = s.value; });
  }

  function balance(moved) {
    // The weights always sum to 100 %: the other sliders share what the moved one leaves, in proportion.
    var others = sliders.filter(function (s) { return s !== moved; });
    var rest = 100 - (parseFloat(moved.value) || 0);
    var otherSum = others.reduce(function (acc, s) { return acc + (parseFloat(s.value) || 0); }, 0);
    others.forEach(function (s, i) {
      var share = otherSum > 0 ? (parseFloat(s.value) || 0) / otherSum : 1 / others.length;
      s.value = String(i === others.length - 1 ? rest - others.slice(0, -1).reduce(function (acc, o) { return acc + parseFloat(o.value); }, 0) : Math.round(rest * share));
    });
  }

  sliders.forEach(function (slider) {
    slider.addEventListener("input", function () { touched = true; balance(slider); render(); });
  });
  sizeInput.addEventListener("input", render);
  document.getElementById("weights-reset").addEventListener("click", function () {
    sliders.forEach(function (s) { s.value = String(Math.round(saved[s.dataset.part] * 100)); });
    touched = false;
    originalOrder.forEach(function (row) { body.appendChild(row.tr); });
    render();
  });
  render();
})();
