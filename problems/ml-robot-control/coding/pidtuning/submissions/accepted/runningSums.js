const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length > 0);
const n = parseInt(tokens[0], 10);
const m = parseInt(tokens[1], 10);
const [kp, ki, kd, dt, limit] = tokens.slice(2, 7).map(Number);
let x = Number(tokens[7]);
const change = new Map();
for (let j = 0; j < m; j++) change.set(parseInt(tokens[8 + 2 * j], 10), Number(tokens[9 + 2 * j]));
let target = 0;
let errorSum = 0;
let previous = 0;
let u = 0;
for (let t = 1; t <= n; t++) {
  if (change.has(t)) target = change.get(t);
  const e = target - x;
  errorSum += e;
  const derivative = t > 1 ? (e - previous) / dt : 0;
  const v = kp * e + ki * (dt * errorSum) + kd * derivative;
  u = v > limit ? limit : v < -limit ? -limit : v;
  x = x + dt * u;
  previous = e;
}
process.stdout.write(x.toFixed(9) + "\n" + u.toFixed(9) + "\n");
