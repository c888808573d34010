/* The words the page scripts show, in the page's language: read from the JSON the server embeds
   (<script type="application/json" id="ui-text">, made by assessment/web/browser_text.py).
   UIText.t("saved_at", {time: "12:00:00"}) fills %(name)s placeholders; UIText.n("words", 3) picks the plural form
   of the page's language (Intl.PluralRules) and fills %(num)s with the number. */
(function () {
  "use strict";
  var node = document.getElementById("ui-text");
  var texts = {};
  try { texts = node ? JSON.parse(node.textContent) : {}; } catch (e) { texts = {}; }
  var rules = null;
  try { rules = new Intl.PluralRules(texts._language || document.documentElement.lang || "en"); } catch (e) { rules = null; }

  function fill(text, values) {
    return String(text).replace(/%\(([a-z_]+)\)[sd]/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  }

  window.UIText = {
    t: function (key, values) { return fill(texts[key] !== undefined ? texts[key] : key, values); },
    n: function (key, count, values) {
      var forms = texts[key] || {};
      var category = rules ? rules.select(count) : (count === 1 ? "one" : "other");
      var form = forms[category] || forms.other || forms.one || key;
      return fill(form, Object.assign({ num: count }, values || {}));
    },
  };
})();
