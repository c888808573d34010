/* Shared code for the timed test pages: server clock and countdown, JSON requests with the CSRF header,
   revision-ordered autosave with retries, integrity signals, the finish dialog. No inline scripts (CSP). */
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
    badge: function (id, text, tone) {
      var node = document.getElementById(id);
      if (node) { node.textContent = text; node.className = "badge badge-" + tone; }
    },
  };
  window.TestPage = Test;

  /* ------------------------------------------------------------------ autosave */

  // A Saver sends {..payload, revision} to `url`; revisions only grow, so an old request never wins on the server.
  Test.Saver = function (opts) {
    var self = this;
    var revision = opts.revision || 0;
    var dirty = false;
    var inflight = null;
    var timer = null;
    var failures = 0;
    var closed = false;
    var firstDirtyAt = 0;
    var debounce = opts.debounce || 1500;
    var maxWait = opts.maxWait || 0;
    var state = opts.onState || function () {};

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(function () { self.save(); }, delay);
    }

    self.revision = function () { return revision; };
    self.setRevision = function (value) { revision = Math.max(revision, value || 0); };
    self.isDirty = function () { return dirty || !!inflight; };
    self.close = function () { closed = true; clearTimeout(timer); };
    self.changed = function () {
      if (closed) { return; }
      if (!dirty) { firstDirtyAt = Date.now(); }
      dirty = true;
      state("dirty");
      var delay = debounce;
      if (maxWait) { delay = Math.max(0, Math.min(debounce, firstDirtyAt + maxWait - Date.now())); }
      schedule(delay);
    };
    self.flush = function (options) {
      clearTimeout(timer);
      var wait = inflight || Promise.resolve();
      return wait.then(function () { return dirty ? self.save(options) : undefined; });
    };
    self.save = function (options) {
      if (closed) { return Promise.resolve(); }
      if (inflight) { return inflight.then(function () { return dirty ? self.save(options) : undefined; }); }
      if (!dirty) { return Promise.resolve(); }
      clearTimeout(timer);
      dirty = false;
      revision += 1;
      var sent = revision;
      var body = opts.payload();
      body.revision = sent;
      state("saving");
      inflight = Test.postJSON(opts.url, body, options).then(function (res) {
        if (res.status === 409) {
          closed = true;
          state("closed", res.data.message || "Time is up: changes can no longer be saved.");
          return;
        }
        if (!res.ok && res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408) {
          // Retrying the same request cannot help (bad input, expired session): say so; the next edit tries again.
          dirty = true;
          state("failed", (res.data.message || "The server refused this save.") +
                " Your text is kept in this browser; reload the page to continue.");
          return;
        }
        if (!res.ok || typeof res.data.saved !== "boolean") {
          throw new Error(res.data.message || ("HTTP " + res.status)); // e.g. signed out: the login page came back
        }
        failures = 0;
        Test.netError(null);
        if (res.data.saved) {
          if (!dirty) { state("saved", res.data.saved_at, body); }
          if (opts.onSaved) { opts.onSaved(res.data, body); }
        } else {
          // Someone (another tab or device) stored a newer revision; ours is the text on screen, so resend it newer.
          revision = Math.max(revision, res.data.revision || 0);
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

  Test.describeSave = function (element, state, info) {
    if (!element) { return; }
    element.classList.remove("save-error", "save-ok");
    if (state === "dirty") { element.textContent = "Unsaved changes"; }
    else if (state === "saving") { element.textContent = "Saving…"; }
    else if (state === "saved") { element.textContent = "Saved at " + formatClock(info); element.classList.add("save-ok"); }
    else if (state === "error") {
      element.textContent = "Not saved — retrying in " + info + " s. Your text is kept in this browser meanwhile.";
      element.classList.add("save-error");
    } else if (state === "closed" || state === "failed") { element.textContent = info; element.classList.add("save-error"); }
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
    [[5 * 60 * 1000, "5 minutes left."], [60 * 1000, "1 minute left."]].forEach(function (pair) {
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
    if (announce) { announce.textContent = "Time is up. The test is now read-only."; }
    var finish = document.getElementById("finish-open");
    if (finish) { finish.hidden = true; }
    timeUpHandlers.splice(0).forEach(function (fn) { try { fn(); } catch (e) { /* keep going */ } });
    Test.flushAll().then(function () {
      var doneUrl = root && root.getAttribute("data-done-url");
      var wait = Math.max(1500, (Test.grace + 1) * 1000 - Math.max(0, Test.serverNow() - Test.deadline));
      if (doneUrl) { setTimeout(function () { window.location.assign(doneUrl); }, wait); }
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

  var lastSent = {};
  var awayStart = 0;
  function reportIntegrity(kind, detail) {
    if (!root || Test.readOnly) { return; }
    var now = Date.now();
    if (kind !== "paste" && lastSent[kind] && now - lastSent[kind] < 2000) { return; }
    lastSent[kind] = now;
    var body = Object.assign({ kind: kind }, detail || {});
    Test.postJSON(root.getAttribute("data-integrity-url"), body, { keepalive: true }).catch(function () {});
  }
  if (root && !Test.readOnly) {
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { awayStart = Date.now(); reportIntegrity("hidden", { where: "tab" }); }
    });
    window.addEventListener("blur", function () { reportIntegrity("blur", { where: "window" }); });
    document.addEventListener("paste", function (event) {
      var text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
      if (text && text.length > 200) {
        var target = event.target && event.target.closest ? event.target.closest("[id]") : null;
        reportIntegrity("paste", { length: text.length, where: target ? target.id : "page" });
      }
    }, true);
  }

  /* ------------------------------------------------------------------ leaving and finishing */

  window.addEventListener("beforeunload", function (event) {
    var dirty = dirtyChecks.some(function (fn) { try { return fn(); } catch (e) { return false; } });
    if (dirty && !timeIsUp) {
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
      confirm.textContent = "Saving and finishing…";
      var timeout = new Promise(function (resolve) { setTimeout(resolve, 4000); });
      Promise.race([Test.flushAll(), timeout]).then(function () {
        timeIsUp = true; // no "unsaved changes" prompt while leaving
        form.submit();
      });
    });
  }
})();
