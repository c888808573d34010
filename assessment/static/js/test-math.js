/* Renders the $...$ spans left by the server-side Markdown renderer with KaTeX (served from /static/vendor). */
(function () {
  "use strict";
  if (!window.katex) { return; }
  var nodes = document.querySelectorAll(".prose .math");
  Array.prototype.forEach.call(nodes, function (node) {
    try {
      window.katex.render(node.textContent, node, {
        displayMode: node.classList.contains("math-display"),
        throwOnError: false,
        output: "htmlAndMathml",
      });
    } catch (e) { /* leave the source text visible */ }
  });
})();
