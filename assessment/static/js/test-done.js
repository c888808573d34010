/* The confirmation page: while submissions are still being judged (e.g. the automatic ones), their status is polled;
   when the last one is done the page reloads, so the counted submissions and scores always come from the server. */
(function () {
  "use strict";
  var cells = Array.prototype.slice.call(document.querySelectorAll("[data-status-url]"));
  var waiting = cells.length;
  cells.forEach(function (cell) {
    var delay = 1000;
    var said = cell.textContent.trim();
    function step() {
      fetch(cell.getAttribute("data-status-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (status) {
          if (!status.done) {
            // While the judges are behind: the place in the queue and the estimate, as on the problem page.
            cell.textContent = status.queue && status.queue.ahead ? said + " " + status.phase : said;
            setTimeout(step, Math.max(delay, status.poll_after_ms || 0));
            return;
          }
          cell.textContent = window.UIText.t("judged", { verdict: status.verdict_text || status.verdict });
          waiting -= 1;
          if (waiting === 0) { window.location.reload(); }
        })
        .catch(function () { delay = Math.min(10000, delay * 2); setTimeout(step, delay); });
    }
    step();
  });
})();
