/* Shared code for the timed test pages: server clock and countdown, JSON requests with the CSRF header,
   autosave with retries that never overwrites text saved from another tab (the candidate chooses), integrity
   signals (only leaving the test counts, with its duration), the finish dialog. No inline scripts (CSP). */
(function () {
  "use strict";

  var root = document.getElementById("test-root");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var flushers = [];
  var dirtyChecks = [];
  var timeUpHandlers = [];
  var timeIsUp = false;
  var offset = 0; // server time minus client time, in ms
  var T = window.UIText;

  function jsonRequest(method, url, body, options) {
    var init = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf },
      keepalive: !!(options && options.keepalive),
    };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var parse = type.indexOf("application/json") >= 0 ? response.json() : Promise.resolve({});
      return parse.catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data || {} };
      });
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function formatRemaining(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h > 0 ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function formatClock(iso) {
    var d = iso ? new Date(iso) : new Date();
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  var Test = {
    csrf: csrf,
    readOnly: !!root && root.getAttribute("data-read-only") === "true",
    deadline: root ? Number(root.getAttribute("data-deadline")) : 0,
    grace: root ? Number(root.getAttribute("data-grace")) : 5,
    postJSON: function (url, body, options) { return jsonRequest("POST", url, body, options); },
    getJSON: function (url) { return jsonRequest("GET", url); },
    serverNow: function () { return Date.now() + offset; },
    formatClock: formatClock,
    onFlush: function (fn) { flushers.push(fn); },
    onDirtyCheck: function (fn) { dirtyChecks.push(fn); },
    onTimeUp: function (fn) { if (timeIsUp) { fn(); } else { timeUpHandlers.push(fn); } },
    isTimeUp: function () { return timeIsUp; },
    flushAll: function () {
      return Promise.all(flushers.map(function (fn) {
        try { return Promise.resolve(fn()).catch(function () {}); } catch (e) { return Promise.resolve(); }
      }));
    },
    pageData: function () {
      var node = document.getElementById("page-data");
      if (!node) { return null; }
      try { return JSON.parse(node.textContent); } catch (e) { return null; }
    },
    netError: function (message) {
      var banner = document.getElementById("net-banner");
      if (!banner) { return; }
      if (message) { banner.textContent = message; banner.hidden = false; } else { banner.hidden = true; }
    },
    integrity: function (kind, detail) { reportIntegrity(kind, detail); },
    badge: function (id, text, tone, stateName) {
      var node = document.getElementById(id);
      if (node) {
        node.textContent = text;
        node.className = "badge badge-" + tone;
        if (stateName) { node.setAttribute("data-state", stateName); }
      }
    },
  };
  window.TestPage = Test;

  /* ------------------------------------------------------------------ autosave */

  // This page's id: the server tells a stale tab (one that has not seen the latest saved text) from this one.
  Test.tabId = (function () {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  })();

  // A Saver sends {..payload, base_revision, revision, tab} to `url`. `base` is the stored revision this tab's text
  // builds on. When another tab or device saved in between, the server refuses (409 "conflict") with its text: the
  // Saver stops saving and calls onConflict, and the page lets the candidate choose (resolve("mine" | "theirs")).
  Test.Saver = function (opts) {
    var self = this;
    var base = opts.revision || 0;
    var lastSent = base;
    var dirty = false;
    var inflight = null;
    var timer = null;
    var failures = 0;
    var closed = false;
    var conflict = null;
    var firstDirtyAt = 0;
    var debounce = opts.debounce || 1500;
    var maxWait = opts.maxWait || 0;
    var state = opts.onState || function () {};

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(function () { self.save(); }, delay);
    }

    self.base = function () { return base; };
    self.isDirty = function () { return dirty || !!inflight; };
    self.inConflict = function () { return !!conflict; };
    self.close = function () { closed = true; clearTimeout(timer); };
    self.changed = function () {
      if (closed) { return; }
      if (!dirty) { firstDirtyAt = Date.now(); }
      dirty = true;
      if (conflict) { return; } // nothing is saved until the candidate has chosen
      state("dirty");
      var delay = debounce;
      if (maxWait) { delay = Math.max(0, Math.min(debounce, firstDirtyAt + maxWait - Date.now())); }
      schedule(delay);
    };
    self.flush = function (options) {
      clearTimeout(timer);
      var wait = inflight || Promise.resolve();
      return wait.then(function () { return dirty && !conflict ? self.save(options) : undefined; });
    };
    // The candidate chose: keep this tab's text (saved over the other one) or take the other text.
    self.resolve = function (choice) {
      if (!conflict) { return Promise.resolve(); }
      var theirs = conflict;
      conflict = null;
      base = Math.max(base, theirs.revision || 0);
      if (choice === "theirs") {
        dirty = false;
        state("saved", theirs.saved_at);
        return Promise.resolve();
      }
      dirty = true;
      return self.save();
    };
    self.startConflict = function (theirs) {  // e.g. found at page load: text kept in this browser is older
      conflict = theirs;
      state("conflict");
      if (opts.onConflict) { opts.onConflict(theirs); }
    };
    self.save = function (options) {
      if (closed || conflict) { return Promise.resolve(); }
      if (inflight) { return inflight.then(function () { return dirty ? self.save(options) : undefined; }); }
      if (!dirty) { return Promise.resolve(); }
      clearTimeout(timer);
      dirty = false;
      lastSent = Math.max(lastSent, base) + 1;
      var sent = lastSent;
      var body = opts.payload();
      body.revision = sent;
      body.base_revision = base;
      body.tab = Test.tabId;
      state("saving");
      inflight = Test.postJSON(opts.url, body, options).then(function (res) {
        if (res.status === 409 && res.data.error === "conflict") {
          dirty = true; // this tab's text is still only here: keep it until the candidate chooses
          self.startConflict(res.data.theirs || {});
          return;
        }
        if (res.status === 409) {
          closed = true;
          state("closed", res.data.message || T.t("save_closed"));
          return;
        }
        if (!res.ok && res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408) {
          // Retrying the same request cannot help (bad input, expired session): say so; the next edit tries again.
          dirty = true;
          state("failed", (res.data.message || T.t("save_refused")) + " " + T.t("save_reload"));
          return;
        }
        if (!res.ok || typeof res.data.saved !== "boolean") {
          throw new Error(res.data.message || ("HTTP " + res.status)); // e.g. signed out: the login page came back
        }
        failures = 0;
        Test.netError(null);
        if (res.data.saved) {
          base = sent;
          if (!dirty) { state("saved", res.data.saved_at, body); }
          if (opts.onSaved) { opts.onSaved(res.data, body); }
        } else {
          // This tab's own newer text is already stored (an earlier answer was lost): continue on top of it.
          base = Math.max(base, res.data.revision || 0);
          dirty = true;
          schedule(0);
        }
      }).catch(function (err) {
        dirty = true;
        failures += 1;
        var wait = Math.min(30000, 1000 * Math.pow(2, failures - 1));
        state("error", Math.round(wait / 1000), err && err.message);
        schedule(wait);
      }).then(function () { inflight = null; });
      return inflight;
    };
  };

  // The choice between this tab's text and the text saved from another tab or device. Both texts stay visible until
  // the candidate chooses; the text they did not choose stays available to copy while the page is open.
  Test.ConflictPanel = function (opts) {
    var panel = document.getElementById(opts.id || "conflict-panel");
    if (!panel) { return null; }
    var mineBox = panel.querySelector("[data-conflict=mine]");
    var theirsBox = panel.querySelector("[data-conflict=theirs]");
    var when = panel.querySelector("[data-conflict=when]");
    var choice = panel.querySelector("[data-conflict=choice]");
    var discarded = panel.querySelector("[data-conflict=discarded]");
    var discardedText = panel.querySelector("[data-conflict=discarded-text]");
    var current = null;
    var api = {
      show: function (mine, theirs) {
        current = theirs;
        mineBox.textContent = mine;
        theirsBox.textContent = theirs.text;
        when.textContent = theirs.saved_at ? formatClock(theirs.saved_at) : "";
        choice.hidden = false;
        discarded.hidden = true;
        panel.hidden = false;
        panel.focus();
      },
      update: function (mine) { if (current) { mineBox.textContent = mine; } },
      active: function () { return !!current; },
    };
    panel.querySelector("[data-conflict=keep-mine]").addEventListener("click", function () {
      var theirs = current;
      current = null;
      panel.hidden = true;
      opts.keepMine(theirs);
    });
    panel.querySelector("[data-conflict=use-theirs]").addEventListener("click", function () {
      var theirs = current;
      var mine = mineBox.textContent;
      current = null;
      choice.hidden = true;
      discardedText.value = mine;
      discarded.hidden = false;
      opts.useTheirs(theirs, mine);
    });
    panel.querySelector("[data-conflict=dismiss]").addEventListener("click", function () { panel.hidden = true; });
    return api;
  };

  Test.describeSave = function (element, state, info) {
    if (!element) { return; }
    element.classList.remove("save-error", "save-ok");
    if (state === "dirty") { element.textContent = T.t("unsaved"); }
    else if (state === "saving") { element.textContent = T.t("saving"); }
    else if (state === "conflict") {
      element.textContent = T.t("save_conflict");
      element.classList.add("save-error");
    }
    else if (state === "saved") {
      element.textContent = info ? T.t("saved_at", { time: formatClock(info) }) : T.t("saved");
      element.classList.add("save-ok");
    }
    else if (state === "error") {
      element.textContent = T.t("save_retry", { seconds: info });
      element.classList.add("save-error");
    } else if (state === "closed" || state === "failed") { element.textContent = info; element.classList.add("save-error"); }
    element.title = element.textContent; // the whole text, where the space beside the editor shows two lines
  };

  /* ------------------------------------------------------------------ clock */

  function syncClock() {
    if (!root) { return Promise.resolve(); }
    var t0 = Date.now();
    return Test.getJSON(root.getAttribute("data-clock-url")).then(function (res) {
      if (!res.ok) { return; }
      var t1 = Date.now();
      offset = res.data.server_now - (t0 + t1) / 2;
      if (res.data.deadline && res.data.deadline !== Test.deadline && !timeIsUp) {
        Test.deadline = res.data.deadline; // extra time granted
      }
      if (res.data.finished && !timeIsUp) { timeUp(); }
    }).catch(function () {});
  }

  var announced = {};
  function tick() {
    var countdown = document.getElementById("countdown");
    if (!countdown || !Test.deadline) { return; }
    var left = Test.deadline - Test.serverNow();
    countdown.textContent = formatRemaining(left);
    var timer = document.getElementById("timer");
    if (timer) {
      timer.classList.toggle("timer-warn", left <= 5 * 60 * 1000 && left > 60 * 1000);
      timer.classList.toggle("timer-urgent", left <= 60 * 1000);
    }
    var announce = document.getElementById("timer-announce");
    [[5 * 60 * 1000, T.t("five_minutes_left")], [60 * 1000, T.t("one_minute_left")]].forEach(function (pair) {
      if (left <= pair[0] && left > pair[0] - 30000 && !announced[pair[0]] && announce) {
        announced[pair[0]] = true;
        announce.textContent = pair[1];
      }
    });
    if (left <= 0 && !timeIsUp) { timeUp(); }
  }

  function timeUp() {
    timeIsUp = true;
    Test.readOnly = true;
    var banner = document.getElementById("timeup-banner");
    if (banner) { banner.hidden = false; }
    var announce = document.getElementById("timer-announce");
    if (announce) { announce.textContent = T.t("time_up"); }
    var finish = document.getElementById("finish-open");
    if (finish) { finish.hidden = true; }
    timeUpHandlers.splice(0).forEach(function (fn) { try { fn(); } catch (e) { /* keep going */ } });
    Test.flushAll().then(function () {
      var doneUrl = root && root.getAttribute("data-done-url");
      var wait = Math.max(1500, (Test.grace + 1) * 1000 - Math.max(0, Test.serverNow() - Test.deadline));
      if (doneUrl) { setTimeout(function () { Test.navigateInside(); window.location.assign(doneUrl); }, wait); }
    });
  }

  if (root && !Test.readOnly) {
    offset = Number(root.getAttribute("data-server-now")) - Date.now();
    tick();
    setInterval(tick, 250);
    syncClock();
    setInterval(syncClock, 30000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { syncClock(); } });
  }

  /* ------------------------------------------------------------------ integrity signals */

  // Only leaving the test counts, with how long: the tab or window hidden (another tab or app), another window in
  // front, or another page opened in this tab. Moving between the test's own pages, reloading and the test's own
  // dialogs never count. A period away is reported when the candidate comes back (with its duration); one still
  // open when time runs out or the tab closes is reported then.
  var testBase = root ? root.getAttribute("data-test-base") : "";
  var departureKey = root ? "assessment-departure:" + root.getAttribute("data-attempt") : "";
  var insideUntil = 0;       // a navigation to another page of the test is under way
  var unloading = false;
  var away = null;           // {since, kind}
  var blurred = false;

  function reportIntegrity(kind, detail) {
    if (!root) { return; }
    var body = Object.assign({ kind: kind }, detail || {});
    Test.postJSON(root.getAttribute("data-integrity-url"), body, { keepalive: true }).catch(function () {});
  }

  function session(value) {
    try {
      if (value === undefined) { return JSON.parse(window.sessionStorage.getItem(departureKey) || "null"); }
      if (value === null) { window.sessionStorage.removeItem(departureKey); }
      else { window.sessionStorage.setItem(departureKey, JSON.stringify(value)); }
    } catch (e) { return null; }
    return null;
  }

  function isInside(url) {
    try {
      var target = new URL(url, window.location.href);
      return target.origin === window.location.origin && testBase && target.pathname.indexOf(testBase) === 0;
    } catch (e) { return false; }
  }

  Test.navigateInside = function () { insideUntil = Date.now() + 5000; };

  function awayNow() { return document.visibilityState === "hidden" || blurred; }

  function update() {
    if (unloading || Test.readOnly) { return; }
    if (awayNow()) {
      if (!away) { away = { since: Date.now(), kind: document.visibilityState === "hidden" ? "hidden" : "blur" }; }
      else if (document.visibilityState === "hidden") { away.kind = "hidden"; }
    } else if (away) {
      var period = away;
      away = null;
      reportIntegrity(period.kind, { duration_ms: Date.now() - period.since });
    }
  }

  if (root && !Test.readOnly) {
    document.addEventListener("visibilitychange", update);
    window.addEventListener("blur", function () { blurred = !document.hasFocus(); update(); });
    window.addEventListener("focus", function () { blurred = false; update(); });
    // Forms and our own navigation within the test's pages are not leaving it (links: see "leaving and finishing").
    document.addEventListener("submit", function (event) {
      if (isInside(event.target.action || window.location.href)) { Test.navigateInside(); }
    }, true);
    window.addEventListener("pagehide", function () {
      var now = Date.now();
      if (away && now - away.since > 1000) {
        reportIntegrity(away.kind, { duration_ms: now - away.since }); // away, and the tab closed or navigated
      }
      unloading = true;
      away = null;
      if (!Test.readOnly && now > insideUntil) { session({ at: now }); } // leaving for another page (or a reload)
      else { session(null); }
    });
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      unloading = false;  // back from the browser's page cache
      var left = session();
      session(null);
      if (left && left.at) { reportIntegrity("left", { duration_ms: Date.now() - left.at }); }
    });
    var left = session();
    session(null);
    var entry = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var reloaded = entry ? entry.type === "reload" : false;
    if (left && left.at && !reloaded) {
      reportIntegrity("left", { duration_ms: Date.now() - left.at }); // came back to the test from another page
    }
    document.addEventListener("paste", function (event) {
      var text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
      if (text && text.length > 200) {
        var target = event.target && event.target.closest ? event.target.closest("[id]") : null;
        reportIntegrity("paste", { length: text.length, where: target ? target.id : "page" });
      }
    }, true);
    Test.onTimeUp(function () {
      if (away) { reportIntegrity(away.kind, { duration_ms: Date.now() - away.since }); away = null; }
    });
  }

  /* ------------------------------------------------------------------ leaving and finishing */

  // Moving to another page of the test saves first (without the browser's "leave the page?" question); leaving the
  // test with unsaved changes asks.
  if (root) {
    document.addEventListener("click", function (event) {  // after the page's own handlers (e.g. the finish dialog)
      var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
          !isInside(link.href)) { return; }
      Test.navigateInside();
      var dirty = dirtyChecks.some(function (fn) { try { return fn(); } catch (e) { return false; } });
      if (!dirty) { return; }
      event.preventDefault();
      var timeout = new Promise(function (resolve) { setTimeout(resolve, 4000); });
      Promise.race([Test.flushAll(), timeout]).then(function () { leaving = true; window.location.assign(link.href); });
    });
  }
  var leaving = false;
  window.addEventListener("beforeunload", function (event) {
    var dirty = dirtyChecks.some(function (fn) { try { return fn(); } catch (e) { return false; } });
    if (dirty && !timeIsUp && !leaving) {
      Test.flushAll();
      event.preventDefault();
      event.returnValue = "";
    }
  });

  var dialog = document.getElementById("finish-dialog");
  var opener = document.getElementById("finish-open");
  if (dialog && opener && typeof dialog.showModal === "function") {
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
      var cancel = document.getElementById("finish-cancel");
      if (cancel) { cancel.focus(); }
    });
    document.getElementById("finish-cancel").addEventListener("click", function () { dialog.close(); opener.focus(); });
    var form = document.getElementById("finish-form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var confirm = document.getElementById("finish-confirm");
      confirm.disabled = true;
      confirm.textContent = T.t("finishing");
      var timeout = new Promise(function (resolve) { setTimeout(resolve, 4000); });
      Promise.race([Test.flushAll(), timeout]).then(function () {
        timeIsUp = true; // no "unsaved changes" prompt while leaving
        Test.navigateInside();
        form.submit();
      });
    });
  }
})();
