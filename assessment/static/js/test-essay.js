/* An essay: live word count, autosave every few seconds and on blur ("Saved at hh:mm:ss"), retries with backoff,
   a copy in localStorage so text typed while offline is never lost, and the choice between this tab's text and text
   saved from another tab or device (both shown; nothing is overwritten without the candidate choosing). */
(function () {
  "use strict";
  var Test = window.TestPage;
  var data = Test && Test.pageData();
  if (!data || data.kind !== "essay") { return; }

  var area = document.getElementById("essay-text");
  var counter = document.getElementById("word-count");
  var saveState = document.getElementById("save-state");
  var key = data.storage_key;
  var readOnly = !!data.read_only || Test.readOnly;

  function words(text) { var m = text.match(/\S+/g); return m ? m.length : 0; }

  function showCount() {
    var n = words(area.value);
    var text = n + (n === 1 ? " word" : " words") + " (between " + data.min_words + " and " + data.max_words + ")";
    counter.classList.remove("count-low", "count-high", "count-ok");
    if (n > data.max_words) { text += " — too long"; counter.classList.add("count-high"); }
    else if (n < data.min_words) { text += " — " + (data.min_words - n) + " to go"; counter.classList.add("count-low"); }
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
      Test.badge("badge-essay-" + data.prompt_id, n + " words", n >= data.min_words && n <= data.max_words ? "ok" : "warn");
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
