/* A coding problem: CodeMirror editor, per-language drafts with autosave, sample/custom runs and submissions with
   live status (polling with backoff). */
(function () {
  "use strict";
  var Test = window.TestPage;
  var T = window.UIText;
  var data = Test && Test.pageData();
  if (!data || data.kind !== "coding") { return; }

  var $ = function (id) { return document.getElementById(id); };
  var saveState = $("save-state");
  var languageSelect = $("language");
  var languages = {};
  data.languages.forEach(function (lang) { languages[lang.id] = lang; });
  var drafts = data.drafts || {};
  var current = data.current_language;
  var savers = {};
  var texts = {};
  var suppress = false;
  var readOnly = !!data.read_only || Test.readOnly;

  function textFor(lang) {
    if (texts[lang] !== undefined) { return texts[lang]; }
    if (drafts[lang]) { return drafts[lang].source; }
    return languages[lang] ? languages[lang].template : "";
  }

  // The code history (replayed by reviewers): each save also says how many characters its text shares, at the start
  // and at the end, with the text this tab last saved, so the server can store only the change; it checks that the
  // change fits the stored text and otherwise stores the whole text. Large pastes into the editor since the previous
  // save go with the next save (the same threshold as the integrity signal).
  var savedText = {};
  var pendingPastes = {};
  Object.keys(drafts).forEach(function (lang) { savedText[lang] = drafts[lang].source; });
  var pasteThreshold = data.paste_threshold || 200;

  function codePoints(text, from, to) {
    var count = 0;
    for (var i = from; i < to; i++) {
      var unit = text.charCodeAt(i);
      if (unit < 0xDC00 || unit > 0xDFFF) { count += 1; }
    }
    return count;
  }

  function sharedEnds(before, after) {
    if (typeof before !== "string") { return null; }
    var limit = Math.min(before.length, after.length);
    var head = 0;
    while (head < limit && before.charCodeAt(head) === after.charCodeAt(head)) { head += 1; }
    if (head > 0 && after.charCodeAt(head - 1) >= 0xD800 && after.charCodeAt(head - 1) <= 0xDBFF) { head -= 1; }
    var tail = 0;
    while (tail < limit - head &&
           before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) { tail += 1; }
    var start = after.length - tail;
    if (tail > 0 && after.charCodeAt(start) >= 0xDC00 && after.charCodeAt(start) <= 0xDFFF) { tail -= 1; start += 1; }
    return { head: codePoints(after, 0, head), tail: codePoints(after, start, after.length) };
  }

  var conflictLanguage = null;
  var panel = Test.ConflictPanel({
    keepMine: function (theirs) {
      var lang = conflictLanguage;
      conflictLanguage = null;
      savedText[lang] = theirs.text;
      saverFor(lang).resolve("mine");
    },
    useTheirs: function (theirs) {
      var lang = conflictLanguage;
      conflictLanguage = null;
      savedText[lang] = theirs.text;
      pendingPastes[lang] = [];
      texts[lang] = theirs.text;
      if (lang === current) { suppress = true; editor.setValue(theirs.text); suppress = false; }
      saverFor(lang).resolve("theirs");
    },
  });

  function saverFor(lang) {
    if (!savers[lang]) {
      savers[lang] = new Test.Saver({
        url: data.urls.draft,
        revision: drafts[lang] ? drafts[lang].revision : 0,
        debounce: 1500,
        payload: function () {
          var source = texts[lang] !== undefined ? texts[lang] : textFor(lang);
          var body = { language: lang, source: source };
          var shared = sharedEnds(savedText[lang], source);
          if (shared) { body.head = shared.head; body.tail = shared.tail; }
          if (pendingPastes[lang] && pendingPastes[lang].length) { body.pastes = pendingPastes[lang].slice(); }
          return body;
        },
        onState: function (state, info) { if (lang === current) { Test.describeSave(saveState, state, info); } },
        onConflict: function (theirs) {
          conflictLanguage = lang;
          if (panel) { panel.show(texts[lang] !== undefined ? texts[lang] : textFor(lang), { text: theirs.source, revision: theirs.revision, saved_at: theirs.saved_at }); }
        },
        onSaved: function (result, body) {
          savedText[lang] = body.source;
          if (body.pastes && pendingPastes[lang]) { pendingPastes[lang].splice(0, body.pastes.length); }
          var badge = document.getElementById("badge-problem-" + data.problem_id);
          if (badge && badge.getAttribute("data-state") === "not-started") {
            Test.badge(badge.id, T.t("badge_draft"), "muted", "draft");
          }
        },
      });
    }
    return savers[lang];
  }

  var editorHost = $("editor");
  var editor = window.AssessmentEditor.create({
    parent: editorHost,
    doc: textFor(current),
    language: languages[current] ? languages[current].codemirror : current,
    readOnly: readOnly,
    label: editorHost.getAttribute("data-label") || T.t("code_editor"),
    onChange: function (text) {
      if (suppress || readOnly) { return; }
      texts[current] = text;
      if (panel && conflictLanguage === current) { panel.update(text); }
      saverFor(current).changed();
    },
    onBlur: function () { if (!readOnly) { saverFor(current).flush(); } },
    onPaste: function (length) {
      if (readOnly || length <= pasteThreshold) { return; }
      (pendingPastes[current] = pendingPastes[current] || []).push(length);
    },
  });
  // How to leave the editor with the keyboard is said next to it; screen readers hear it with the editor's name.
  var help = editorHost.getAttribute("data-help");
  var content = editorHost.querySelector(".cm-content");
  if (help && content) { content.setAttribute("aria-describedby", help); }
  if (drafts[current]) { Test.describeSave(saveState, "saved", null); }

  languageSelect.addEventListener("change", function () {
    var next = languageSelect.value;
    var previous = current;
    texts[previous] = editor.getValue();
    saverFor(previous).flush();
    current = next;
    suppress = true;
    editor.setValue(textFor(next));
    editor.setLanguage(languages[next] ? languages[next].codemirror : next);
    suppress = false;
    texts[next] = editor.getValue();
    saveState.textContent = drafts[next] || savers[next] ? "" : T.t("starter_code");
    // The language the candidate works in is remembered: saving the draft makes it the latest one.
    if (!readOnly) { saverFor(next).changed(); saverFor(next).flush(); }
  });

  Test.onFlush(function () {
    return Promise.all(Object.keys(savers).map(function (lang) { return savers[lang].flush(); }));
  });
  Test.onDirtyCheck(function () {
    return Object.keys(savers).some(function (lang) { return savers[lang].isDirty(); });
  });

  /* ------------------------------------------------------------------ running and submitting */

  var statusBox = $("result-status");
  var body = $("result-body");
  var buttons = [$("run-samples"), $("submit-code"), $("run-custom")];

  function setBusy(flag) { buttons.forEach(function (b) { if (b) { b.disabled = flag || readOnly; } }); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function block(title, text) {
    return el("div", {}, [el("h4", { text: title }), el("pre", { "class": "code", tabindex: "0", text: text === undefined ? "" : text })]);
  }

  function summary(status) {
    if (!status.done) { return status.phase; }
    if (status.kind === "custom") {
      var t = status.tests[0];
      return t ? (t.verdict === "OK" ? T.t("finished") : t.verdict_text) + " · " + t.time_ms + " ms" : status.verdict_text;
    }
    var text = status.verdict_text || status.verdict || T.t("finished");
    if (status.counts_text) { text += " — " + status.counts_text; }
    return text;
  }

  function render(status) {
    statusBox.textContent = summary(status);
    statusBox.className = "result-status" + (status.done ? " verdict-" + (status.verdict || "") : " pending");
    body.innerHTML = "";
    if (status.compile_output) {
      body.appendChild(el("div", {}, [el("h3", { text: T.t("compiler_output") }), el("pre", { "class": "code", tabindex: "0", text: status.compile_output })]));
    }
    if (status.kind === "samples" || status.kind === "custom") {
      status.tests.forEach(function (test) {
        var grid = status.kind === "custom"
          ? el("div", { "class": "io-grid io-2" }, [block(T.t("input"), test.input), block(T.t("your_output"), test.output)])
          : el("div", { "class": "io-grid io-3" }, [block(T.t("input"), test.input), block(T.t("expected_output"), test.expected), block(T.t("your_output"), test.output)]);
        var head = el("h3", {}, [
          document.createTextNode(test.label + " · "),
          el("span", { "class": "verdict-" + test.verdict, text: test.verdict_text }),
          el("span", { "class": "muted", text: " · " + test.time_ms + " ms · " + Math.round(test.memory_kb / 1024) + " MB" }),
        ]);
        var parts = [head, grid];
        if (test.message) { parts.push(el("p", { "class": "muted", text: test.message })); }
        body.appendChild(el("section", { "class": "test-result" }, parts));
      });
    } else if (status.tests.length) {
      // Samples show time and memory; hidden tests only their verdict (and how many of each group passed).
      var rows = status.tests.map(function (test) {
        return el("tr", {}, [
          el("td", { text: test.label }),
          el("td", {}, [el("span", { "class": "verdict-" + test.verdict, text: test.verdict_text })]),
          el("td", { "class": "num", text: test.time_ms !== undefined ? test.time_ms + " ms" : "" }),
          el("td", { "class": "num", text: test.memory_kb !== undefined ? (test.memory_kb / 1024).toFixed(1) + " MB" : "" }),
        ]);
      });
      body.appendChild(el("table", { "class": "table results-table" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: T.t("test") }), el("th", { scope: "col", text: T.t("result") }),
          el("th", { scope: "col", "class": "num", text: T.t("time_samples") }), el("th", { scope: "col", "class": "num", text: T.t("memory_samples") })])]),
        el("tbody", {}, rows),
      ]));
      if (status.groups && status.groups.length > 1) {
        body.appendChild(el("p", { "class": "muted", text: status.groups.map(function (g) {
          return T.t("group_passed", { group: g.label, passed: g.passed, total: g.total });
        }).join(" · ") }));
      }
    }
    if (status.kind === "submit" || status.kind === "auto") { updateHistory(status); }
  }

  function updateHistory(status) {
    var table = $("history").querySelector("tbody");
    var empty = table.querySelector(".history-empty");
    if (empty) { empty.remove(); }
    var row = table.querySelector('tr[data-submission="' + status.id + '"]');
    if (!row) {
      row = el("tr", { "data-submission": String(status.id) }, [
        el("td", { text: String(table.querySelectorAll("tr").length + 1) }),
        el("td", { text: Test.formatClock(status.created_at) }),
        el("td", { text: status.language }),
        el("td", { "class": "history-verdict" }),
        el("td", { "class": "num history-tests" }),
      ]);
      table.insertBefore(row, table.firstChild);
    }
    var verdictCell = row.querySelector(".history-verdict");
    verdictCell.innerHTML = "";
    verdictCell.appendChild(status.done
      ? el("span", { "class": "verdict-" + status.verdict, text: status.verdict_text })
      : el("span", { "class": "muted", text: status.phase }));
    row.querySelector(".history-tests").textContent = status.tests_total ? status.tests_passed + " / " + status.tests_total : "";
    var badge = document.getElementById("badge-problem-" + data.problem_id);
    if (badge && badge.getAttribute("data-state") !== "solved") {
      if (!status.done) { Test.badge(badge.id, T.t("badge_judging"), "warn", "judging"); }
      else if (status.verdict === "AC") { Test.badge(badge.id, T.t("badge_solved"), "ok", "solved"); }
      else { Test.badge(badge.id, T.t("badge_submitted"), "bad", "submitted"); }
    }
  }

  // `first`: the status the queueing answer carried (shown at once; the first poll waits for its poll_after_ms).
  function poll(url, show, first) {
    var delay = 500;
    var started = Date.now();
    return new Promise(function (resolve) {
      function handle(status) {
        if (show) { render(status); } else if (status.kind === "submit" || status.kind === "auto") { updateHistory(status); }
        if (status.done) { resolve(status); return; }
        delay = status.poll_after_ms || (Date.now() - started > 60000 ? 1500 : 500);
        setTimeout(step, delay);
      }
      function step() {
        Test.getJSON(url).then(function (res) {
          if (!res.ok) { throw new Error(res.data.message || "HTTP " + res.status); }
          Test.netError(null);
          handle(res.data);
        }).catch(function () {
          delay = Math.min(8000, delay * 2);
          if (show) { statusBox.textContent = T.t("connection_retry", { seconds: Math.round(delay / 1000) }); }
          setTimeout(step, delay);
        });
      }
      // the first status shown at once; should showing it fail, the page asks the server as before
      if (first) { Promise.resolve(first).then(handle).catch(function () { setTimeout(step, delay); }); } else { step(); }
    });
  }

  function send(url, payload) {
    if (readOnly) { return; }
    texts[current] = editor.getValue();
    setBusy(true);
    statusBox.className = "result-status pending";
    statusBox.textContent = T.t("sending");
    saverFor(current).changed();
    saverFor(current).flush().then(function () {
      return Test.postJSON(url, payload);
    }).then(function (res) {
      if (!res.ok) {
        statusBox.className = "result-status verdict-WA";
        statusBox.textContent = res.data.message || T.t("request_failed");
        if (res.status === 409) { lockEditor(); }
        setBusy(false);
        return;
      }
      body.innerHTML = "";
      return poll(res.data.status_url, true, res.data.status).then(function () { setBusy(false); });
    }).catch(function () {
      statusBox.className = "result-status verdict-WA";
      statusBox.textContent = T.t("unreachable");
      setBusy(false);
    });
  }

  $("run-samples").addEventListener("click", function () {
    send(data.urls.run, { language: current, source: editor.getValue(), mode: "samples" });
  });
  $("run-custom").addEventListener("click", function () {
    send(data.urls.run, { language: current, source: editor.getValue(), mode: "custom", input: $("custom-input").value });
  });
  $("submit-code").addEventListener("click", function () {
    send(data.urls.submit, { language: current, source: editor.getValue() });
  });

  (data.pending || []).forEach(function (item) { poll(item.status_url, false); });

  function lockEditor() {
    readOnly = true;
    editor.setReadOnly(true);
    languageSelect.disabled = true;
    $("custom-input").disabled = true;
    buttons.forEach(function (b) { if (b) { b.disabled = true; } });
  }
  Test.onTimeUp(function () {
    texts[current] = editor.getValue();
    Test.flushAll();
    lockEditor();
  });
})();
