"use strict";
// Dijkstra with a binary heap; distances stay below 2^53, so plain numbers are exact.
const data = require("fs").readFileSync(0);
let pos = 0;
function next() {
  while (data[pos] < 48 || data[pos] > 57) pos++;
  let r = 0;
  while (pos < data.length && data[pos] >= 48 && data[pos] <= 57) r = r * 10 + (data[pos++] - 48);
  return r;
}
const n = next(), m = next();
const head = new Int32Array(n + 1).fill(-1), nxt = new Int32Array(m), to = new Int32Array(m);
const wt = new Float64Array(m);
for (let j = 0; j < m; j++) {
  const u = next();
  to[j] = next();
  wt[j] = next();
  nxt[j] = head[u];
  head[u] = j;
}
const dist = new Float64Array(n + 1).fill(Infinity);
const keys = new Float64Array(m + 2), nodes = new Int32Array(m + 2);
let size = 0;
function push(k, v) {
  let i = size++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (keys[p] <= k) break;
    keys[i] = keys[p]; nodes[i] = nodes[p]; i = p;
  }
  keys[i] = k; nodes[i] = v;
}
function pop() {
  const k = keys[--size], v = nodes[size];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && keys[c + 1] < keys[c]) c++;
    if (keys[c] >= k) break;
    keys[i] = keys[c]; nodes[i] = nodes[c]; i = c;
  }
  keys[i] = k; nodes[i] = v;
}
dist[1] = 0;
push(0, 1);
while (size > 0) {
  const d = keys[0], u = nodes[0];
  pop();
  if (d > dist[u]) continue;
  if (u === n) break;
  for (let e = head[u]; e !== -1; e = nxt[e]) {
    const nd = d + wt[e];
    if (nd < dist[to[e]]) { dist[to[e]] = nd; push(nd, to[e]); }
  }
}
process.stdout.write((dist[n] === Infinity ? "-1" : String(dist[n])) + "\n");
