// Builds assessment/static/vendor/editor.bundle.js (one file) and copies KaTeX (js, css, woff2 fonts) and Chart.js
// next to it.
// Usage: npm ci && npm run build
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "assessment", "static", "vendor");
mkdirSync(vendor, { recursive: true });

await build({
  entryPoints: [join(here, "src", "editor.js")],
  outfile: join(vendor, "editor.bundle.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  logLevel: "info",
});

const katexDist = join(here, "node_modules", "katex", "dist");
const katexOut = join(vendor, "katex");
rmSync(katexOut, { recursive: true, force: true });
mkdirSync(join(katexOut, "fonts"), { recursive: true });
copyFileSync(join(katexDist, "katex.min.js"), join(katexOut, "katex.min.js"));
// Only woff2 fonts are shipped: drop the woff/ttf fallbacks from the stylesheet.
const css = readFileSync(join(katexDist, "katex.min.css"), "utf8")
  .replace(/,url\([^)]*\.woff\) format\("woff"\)/g, "")
  .replace(/,url\([^)]*\.ttf\) format\("truetype"\)/g, "");
writeFileSync(join(katexOut, "katex.min.css"), css);
for (const name of readdirSync(join(katexDist, "fonts"))) {
  if (name.endsWith(".woff2")) copyFileSync(join(katexDist, "fonts", name), join(katexOut, "fonts", name));
}
copyFileSync(join(here, "node_modules", "katex", "LICENSE"), join(katexOut, "LICENSE"));
console.log("katex copied to", katexOut);

// Chart.js (the statistics page's charts): its own minified UMD build, as published.
const chartOut = join(vendor, "chartjs");
rmSync(chartOut, { recursive: true, force: true });
mkdirSync(chartOut, { recursive: true });
copyFileSync(join(here, "node_modules", "chart.js", "dist", "chart.umd.min.js"), join(chartOut, "chart.umd.min.js"));
copyFileSync(join(here, "node_modules", "chart.js", "LICENSE.md"), join(chartOut, "LICENSE.md"));
console.log("chart.js copied to", chartOut);
