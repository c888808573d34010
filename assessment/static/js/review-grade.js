// Keyboard-driven rubric grading: 1-9 picks a level of the highlighted criterion (and moves on), J/K or the arrow
// keys move between criteria, C jumps to the comment, Ctrl+Enter (Cmd+Enter) submits.
(function () {
  "use strict";
  var form = document.getElementById("grade-form");
  if (!form) return;
  var criteria = Array.prototype.slice.call(form.querySelectorAll("fieldset.criterion"));
  var comment = document.getElementById("comment");
  var totalOut = document.getElementById("live-total");
  var maxPoints = parseFloat(form.getAttribute("data-max") || "0");
  var current = 0;

  function focusCriterion(index, scroll) {
    if (!criteria.length) return;
    current = Math.max(0, Math.min(criteria.length - 1, index));
    criteria.forEach(function (fs, i) { fs.classList.toggle("focused", i === current); });
    if (scroll !== false) criteria[current].scrollIntoView({ block: "nearest" });
  }

  function updateTotal() {
    var total = 0, picked = 0;
    criteria.forEach(function (fs) {
      var checked = fs.querySelector("input[type=radio]:checked");
      if (checked) { total += parseFloat(checked.getAttribute("data-points") || "0"); picked += 1; }
    });
    if (totalOut) {
      // "%(total)s / %(max)s points (%(picked)s/%(count)s criteria)" in the page's language (data-text)
      var values = { total: total, max: maxPoints, picked: picked, count: criteria.length };
      totalOut.textContent = "· " + (totalOut.getAttribute("data-text") || "").replace(/%\(([a-z]+)\)s/g, function (m, name) {
        return String(values[name]);
      });
    }
  }

  function submit() {
    var button = document.getElementById("submit-grade");
    if (!button) return;
    var missing = criteria.findIndex(function (fs) { return !fs.querySelector("input[type=radio]:checked"); });
    if (missing >= 0) focusCriterion(missing);
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
      return;
    }
    var target = event.target;
    var typing = target && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && target.type !== "radio"));
    if (typing) {
      if (event.key === "Escape" && target === comment) { comment.blur(); focusCriterion(current); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    if (/^[1-9]$/.test(key)) {
      var fs = criteria[current];
      if (!fs || fs.disabled) return;
      var radios = fs.querySelectorAll("input[type=radio]");
      var radio = radios[parseInt(key, 10) - 1];
      if (!radio) return;
      event.preventDefault();
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
      if (current < criteria.length - 1) focusCriterion(current + 1);
    } else if (key === "j" || key === "J" || key === "ArrowDown") {
      event.preventDefault();
      focusCriterion(current + 1);
    } else if (key === "k" || key === "K" || key === "ArrowUp") {
      event.preventDefault();
      focusCriterion(current - 1);
    } else if ((key === "c" || key === "C") && comment) {
      event.preventDefault();
      comment.focus();
    }
  });

  criteria.forEach(function (fs, i) {
    fs.addEventListener("click", function () { focusCriterion(i, false); });
    fs.addEventListener("focusin", function () { focusCriterion(i, false); });
  });
  form.addEventListener("change", updateTotal);
  var firstOpen = criteria.findIndex(function (fs) { return !fs.querySelector("input[type=radio]:checked"); });
  focusCriterion(firstOpen >= 0 ? firstOpen : 0, false);
  updateTotal();
})();
