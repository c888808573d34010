// The reader's time zone, as the browser reports it, kept in the `tz` cookie: the server shows every time in it
// (assessment/web/timezones.py) unless the person chose another zone on their time-zone page. On the first page of a
// visit the server could not know it yet; if it rendered the page in another zone, a GET page is loaded once more.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) { return; } // IANA names are safe in a cookie as they are
  var match = document.cookie.match(/(?:^|;\s*)tz=([^;]*)/);
  var stored = match ? match[1] : null;
  if (stored === zone) { return; }
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
  var root = document.documentElement;
  var rendered = root.getAttribute("data-tz");
  var source = root.getAttribute("data-tz-source");
  var utc = /^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT|GMT[+-]0|Greenwich)$/;
  if (utc.test(zone) && utc.test(rendered || "")) { return; } // the same clock under another name
  var once = "tz-reloaded";
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { storage = null; }
  if (source !== "chosen" && rendered !== zone && root.getAttribute("data-method") === "GET" && storage && !storage.getItem(once)) {
    storage.setItem(once, "1");
    window.location.reload();
  }
})();
