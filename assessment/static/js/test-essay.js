/* An essay: live word count, autosave every few seconds and on blur ("Saved at hh:mm:ss"), retries with backoff,
   a copy in localStorage so text typed while offline is never lost, and the choice between this tab's text and text
   saved from another tab or device (both shown; nothing is overwritten without the candidate choosing). */
(function () {
  "use strict";
  var Test = window.TestPage;
  var T = window.UIText;
  var data = Test && Test.pageData();
  if (!data || data.kind !== "essay") { return; }

  var area = document.getElementById("essay-text");
  var counter = document.getElementById("word-count");
  var saveState = document.getElementById("save-state");
  var key = data.storage_key;
  var readOnly = !!data.read_only || Test.readOnly;

  // The server's rule (candidate/essays.py count_words): each CJK character is a word, CJK punctuation separates like
  // a space, and any other run of non-space characters is a word.
  var CJK = "\u1100-\u11ff\u2e80-\u2fff\u3040-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f";
  var PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65";
  var WORD = new RegExp("[" + CJK + "]|[^\\s" + CJK + PUNCTUATION + "]+", "g");
  function words(text) { var m = text.match(WORD); return m ? m.length : 0; }

  function showCount() {
    var n = words(area.value);
    var text = T.n("words", n) + " " + T.t("words_between", { min: data.min_words, max: data.max_words });
    counter.classList.remove("count-low", "count-high", "count-ok");
    if (n > data.max_words) { text += " — " + T.t("too_long"); counter.classList.add("count-high"); }
    else if (n < data.min_words) { text += " — " + T.n("to_go", data.min_words - n); counter.classList.add("count-low"); }
    else { counter.classList.add("count-ok"); }
    counter.textContent = text;
  }

  function local(value) {
    try {
      if (value === undefined) { return JSON.parse(window.localStorage.getItem(key) || "null"); }
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, JSON.stringify(value)); }
    } catch (e) { return null; }
    return null;
  }

  var panel = Test.ConflictPanel({
    keepMine: function () { saver.resolve("mine"); },
    useTheirs: function (theirs, mine) {
      try { window.localStorage.setItem(key + ":discarded", JSON.stringify({ text: mine, at: Date.now() })); } catch (e) { /* ignore */ }
      area.value = theirs.text;
      showCount();
      saver.resolve("theirs");
      local(null);
    },
  });

  var saver = new Test.Saver({
    url: data.urls.draft,
    revision: data.revision,
    debounce: 2000,
    maxWait: 5000,
    payload: function () { return { text: area.value }; },
    onState: function (state, info) { Test.describeSave(saveState, state, info); },
    onConflict: function (theirs) { if (panel) { panel.show(area.value, theirs); } },
    onSaved: function (res, body) {
      var n = res.word_count;
      Test.badge("badge-essay-" + data.prompt_id, T.n("words", n), n >= data.min_words && n <= data.max_words ? "ok" : "warn", "written");
      var stored = local();
      if (stored && stored.text === body.text) { local(null); }
    },
  });

  // Text typed here but never acknowledged by the server (offline, closed tab) comes back from localStorage. If the
  // server has a newer text meanwhile (written from another tab or device), the candidate chooses between the two.
  var stored = local();
  if (!readOnly && stored && typeof stored.text === "string" && stored.text !== area.value) {
    var serverText = area.value;
    area.value = stored.text;
    if ((stored.base || 0) >= data.revision) {
      saver.changed();
    } else {
      saver.changed();
      saver.startConflict({ text: serverText, revision: data.revision, saved_at: data.saved_at });
    }
  } else if (stored && stored.text === area.value) {
    local(null);
  }
  // Text in the box that the server did not render there was typed before this script listened (a slow connection)
  // or put back by the browser: an edit like any other, kept locally and saved (a newer text saved elsewhere still
  // comes back as a choice, through the revision check).
  if (!readOnly && !saver.isDirty() && !saver.inConflict() && area.value !== area.defaultValue) {
    local({ text: area.value, base: saver.base() });
    saver.changed();
  }
  if (data.saved_at && !saver.isDirty()) { Test.describeSave(saveState, "saved", data.saved_at); }
  showCount();

  area.addEventListener("input", function () {
    if (readOnly) { return; }
    showCount();
    local({ text: area.value, base: saver.base() });
    if (panel) { panel.update(area.value); }
    saver.changed();
  });
  area.addEventListener("blur", function () { if (!readOnly) { saver.flush(); } });

  Test.onFlush(function () { return saver.flush(); });
  Test.onDirtyCheck(function () { return saver.isDirty(); });
  Test.onTimeUp(function () {
    saver.flush().then(function () { saver.close(); });
    readOnly = true;
    area.readOnly = true;
  });
})();
