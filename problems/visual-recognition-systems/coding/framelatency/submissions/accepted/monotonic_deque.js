const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length > 0).map(Number);
const n = data[0];
const k = data[1];
const t = data.slice(2, 2 + n);
const window = new Int32Array(n);
let head = 0;
let tail = 0;
const out = [];
for (let i = 0; i < n; i++) {
  while (tail > head && t[window[tail - 1]] <= t[i]) tail--;
  window[tail++] = i;
  if (window[head] <= i - k) head++;
  if (i >= k - 1) out.push(t[window[head]]);
}
process.stdout.write(out.join(" ") + "\n");
