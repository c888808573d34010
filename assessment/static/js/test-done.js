/* The confirmation page: results of submissions still being judged (e.g. automatic ones) appear when ready. */
(function () {
  "use strict";
  var cells = document.querySelectorAll("td[data-status-url]");
  Array.prototype.forEach.call(cells, function (cell) {
    var delay = 1000;
    function step() {
      fetch(cell.getAttribute("data-status-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (status) {
          if (!status.done) { setTimeout(step, delay); return; }
          cell.textContent = "";
          var span = document.createElement("span");
          span.className = "verdict-" + status.verdict;
          span.textContent = status.verdict_text || status.verdict;
          cell.appendChild(span);
          if (status.score !== null && status.score !== undefined) {
            cell.appendChild(document.createTextNode(" · score " + Math.round(status.score * 100) + "%"));
          }
          var tests = cell.parentNode.querySelector(".done-tests");
          if (tests && status.tests_total) { tests.textContent = status.tests_passed + " / " + status.tests_total; }
          cell.removeAttribute("data-status-url");
        })
        .catch(function () { delay = Math.min(10000, delay * 2); setTimeout(step, delay); });
    }
    step();
  });
})();
