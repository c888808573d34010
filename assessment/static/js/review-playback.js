/* Code playback on a submission page: replays the autosave history of the candidate's code for the problem (one step
   per save) with a keyboard-operable slider, play/pause at 1× to 32×, and marks for large pastes and submissions.
   The history comes as frames: a whole text, or a change (at, del, ins) in UTF-16 code units of the previous text.
   No inline scripts (CSP); every word shown comes translated from the page (#playback-text). */
(function () {
  "use strict";
  var root = document.getElementById("playback");
  if (!root) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var words = {};
  try { words = JSON.parse($("playback-text").textContent); } catch (e) { words = {}; }
  var loading = $("playback-loading");
  var player = $("playback-player");
  var slider = $("playback-slider");
  var status = $("playback-status");
  var code = $("playback-code");
  var playButton = $("playback-play");
  var speedSelect = $("playback-speed");
  var draftSelect = $("playback-draft");
  var marks = $("playback-marks");
  var events = $("playback-events");
  var KEYFRAME_EVERY = 50;
  var MAX_GAP_MS = 10000;  // an idle stretch plays as at most 10 s of test time

  var data = null;
  var frames = [];
  var keyframes = [];  // text after frame i * KEYFRAME_EVERY
  var current = 0;
  var timer = null;

  function say(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values && values[key] !== undefined ? values[key] : "";
    });
  }

  function clock(ms) {
    var total = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h + ":" + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function apply(text, frame) {
    if (typeof frame.text === "string") { return frame.text; }
    return text.slice(0, frame.at) + frame.ins + text.slice(frame.at + frame.del);
  }

  function prepare(draft) {
    frames = draft.frames;
    keyframes = [];
    var text = "";
    for (var i = 0; i < frames.length; i++) {
      text = apply(text, frames[i]);
      if (i % KEYFRAME_EVERY === 0) { keyframes.push(text); }
    }
  }

  function textAt(index) {
    var base = Math.floor(index / KEYFRAME_EVERY) * KEYFRAME_EVERY;
    var text = keyframes[base / KEYFRAME_EVERY];
    for (var i = base + 1; i <= index; i++) { text = apply(text, frames[i]); }
    return text;
  }

  function render(index) {
    var frame = frames[index];
    var text = textAt(index);
    code.textContent = "";
    var line = null;
    if (typeof frame.text === "string" || index === 0) {
      code.appendChild(document.createTextNode(text));
    } else {
      var end = frame.at + frame.ins.length;
      code.appendChild(document.createTextNode(text.slice(0, frame.at)));
      var mark = document.createElement("mark");
      mark.className = frame.pasted ? "pasted" : "changed";
      mark.textContent = frame.ins;
      code.appendChild(mark);
      code.appendChild(document.createTextNode(text.slice(end)));
      line = text.slice(0, frame.at).split("\n").length;
      if (frame.ins || frame.del) {
        var top = mark.offsetTop - code.offsetTop;
        if (top < code.scrollTop || top > code.scrollTop + code.clientHeight - 20) {
          code.scrollTop = Math.max(0, top - code.clientHeight / 3);
        }
      }
    }
    var parts = [
      say(words.save, { number: index + 1, total: frames.length }),
      say(words.into, { time: clock(frame.t) }),
      say(words.size, { count: frame.size }),
    ];
    if (line !== null) { parts.push(say(words.changed_line, { line: line })); }
    if (frame.pasted) { parts.push(say(words.pasted, { count: frame.pasted })); }
    status.textContent = parts.join(" · ");
    status.classList.toggle("has-paste", !!frame.pasted);
    slider.setAttribute("aria-valuetext", parts.slice(0, 2).join(", ") + (frame.pasted ? ", " + parts[parts.length - 1] : ""));
    root.setAttribute("data-frame", String(index));
    root.setAttribute("data-revision", String(frame.rev));
  }

  function show(index) {
    current = Math.max(0, Math.min(frames.length - 1, index));
    if (Number(slider.value) !== current) { slider.value = String(current); }
    render(current);
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
    playButton.textContent = words.play;
    playButton.setAttribute("aria-pressed", "false");
    status.setAttribute("aria-live", "polite");
  }

  function step() {
    if (current >= frames.length - 1) { stop(); return; }
    var gap = Math.min(MAX_GAP_MS, Math.max(0, frames[current + 1].t - frames[current].t));
    var speed = Number(speedSelect.value) || 1;
    timer = setTimeout(function () {
      show(current + 1);
      step();
    }, Math.max(30, gap / speed));
  }

  function play() {
    if (current >= frames.length - 1) { show(0); }
    playButton.textContent = words.pause;
    playButton.setAttribute("aria-pressed", "true");
    status.setAttribute("aria-live", "off");  // no announcement per step while playing
    step();
  }

  function indexAtTime(ms) {
    var found = 0;
    for (var i = 0; i < frames.length; i++) { if (frames[i].t <= ms) { found = i; } }
    return found;
  }

  function addMark(index, kind, label) {
    var mark = document.createElement("span");
    mark.className = "playback-mark " + kind;
    mark.title = label;
    mark.style.left = (frames.length > 1 ? (100 * index) / (frames.length - 1) : 0) + "%";
    marks.appendChild(mark);
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button small-button playback-jump " + kind;
    button.setAttribute("data-frame", String(index));
    button.textContent = label;
    button.addEventListener("click", function () { stop(); show(index); slider.focus(); });
    item.appendChild(button);
    events.appendChild(item);
  }

  function choose(draft) {
    stop();
    prepare(draft);
    marks.textContent = "";
    events.textContent = "";
    slider.max = String(Math.max(0, frames.length - 1));
    frames.forEach(function (frame, index) {
      if (frame.pasted) { addMark(index, "paste", say(words.go_paste, { count: frame.pasted, time: clock(frame.t) })); }
    });
    data.submissions.forEach(function (sub) {
      if (sub.language !== draft.language) { return; }
      addMark(indexAtTime(sub.t), "submission",
              say(words.submitted, { id: sub.id, time: clock(sub.t), verdict: sub.verdict || "" }));
    });
    root.setAttribute("data-language", draft.language);
    show(frames.length - 1);
  }

  slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
  playButton.addEventListener("click", function () { if (timer) { stop(); } else { play(); } });
  speedSelect.addEventListener("change", function () { if (timer) { clearTimeout(timer); step(); } });

  fetch(root.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    })
    .then(function (result) {
      data = result;
      if (!data.drafts.length) { loading.textContent = words.no_history; return; }
      data.drafts.forEach(function (draft, index) {
        var option = document.createElement("option");
        option.value = String(index);
        option.textContent = say(words.saves, { language: draft.name, count: draft.frames.length });
        draftSelect.appendChild(option);
      });
      var preferred = 0;
      data.drafts.forEach(function (draft, index) { if (draft.language === root.getAttribute("data-language")) { preferred = index; } });
      draftSelect.value = String(preferred);
      $("playback-draft-field").hidden = data.drafts.length < 2;
      draftSelect.addEventListener("change", function () { choose(data.drafts[Number(draftSelect.value)]); });
      var gaps = data.drafts.reduce(function (sum, d) { return sum + (d.gaps || 0); }, 0);
      loading.hidden = !gaps;
      if (gaps) { loading.textContent = say(words.gaps, { count: gaps }); }
      player.hidden = false;
      choose(data.drafts[preferred]);
      root.setAttribute("data-ready", "true");
    })
    .catch(function () { loading.textContent = words.error; });
})();
