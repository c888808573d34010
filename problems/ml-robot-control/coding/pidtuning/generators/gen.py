#!/usr/bin/env python3
"""Writes data/secret/ for PID Tuning: python3 generators/gen.py

Every case is checked to be well-conditioned: perturbing x0 by 1e-9 must move x_n and u_n by less than 1e-7, and
summing the integral term in another order must change them by less than 1e-8, so any correct double-precision
simulation is far inside the 1e-6 tolerance."""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "running_sums.py"


def simulate(n, params, changes, x_shift=0.0, other_rounding=False):
    kp, ki, kd, dt, limit, x = (float(p) for p in params)
    x += x_shift
    change = dict(changes)
    target = error_sum = integral = previous = u = 0.0
    for t in range(1, n + 1):
        if t in change:
            target = float(change[t])
        e = target - x
        error_sum += e
        integral += e * dt
        derivative = (e - previous) / dt if t > 1 else 0.0
        if other_rounding:
            v = kd * derivative + ki * integral + kp * e
        else:
            v = kp * e + ki * (dt * error_sum) + kd * derivative
        u = max(-limit, min(limit, v))
        x = x + dt * u
        previous = e
    return x, u


def case(n, params, changes):
    base = simulate(n, params, changes)
    moved = simulate(n, params, changes, x_shift=1e-9)
    rounded = simulate(n, params, changes, other_rounding=True)
    if max(abs(a - b) for a, b in zip(base, moved)) > 1e-7 or max(abs(a - b) for a, b in zip(base, rounded)) > 1e-8:
        raise SystemExit(f"ill-conditioned case: {n} {params}")
    lines = [f"{n} {len(changes)}", " ".join(params)] + [f"{s} {q}" for s, q in changes]
    return "\n".join(lines) + "\n"


def schedule(rng, n, m, spread):
    steps = sorted(rng.sample(range(2, n + 1), m - 1))
    return [(1, rng.randint(-spread, spread))] + [(s, rng.randint(-spread, spread)) for s in steps]


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(16180)
    write("01-one-step", case(1, ["2", "1", "0.1", "0.01", "50", "0"], [(1, 100)]))
    write("02-zero-gains", case(1000, ["0", "0", "0", "0.02", "10", "-42.5"], [(1, 10000), (500, -10000)]))
    write("03-already-there", case(5000, ["5", "2", "0.05", "0.01", "100", "250"], [(1, 250)]))
    write("04-always-saturated", case(3000, ["20", "20", "0.2", "0.001", "1", "-10000"], [(1, 10000)]))
    write("05-extreme-setpoints", case(20000, ["8", "1.5", "0.1", "0.02", "10000", "10000"],
                                      [(1, -10000), (7000, 10000), (19990, -10000)]))
    write("06-proportional-only", case(777, ["12.5", "0", "0", "0.0125", "300", "3.25"],
                                      schedule(rng, 777, 30, 500)))
    write("07-pi-small", case(200, ["3", "4", "0", "0.01", "40", "0"], schedule(rng, 200, 10, 100)))
    write("08-pid-small", case(1500, ["6.4", "2.25", "0.15", "0.005", "75.5", "-12"], schedule(rng, 1500, 40, 300)))
    write("09-last-change-at-end", case(10000, ["4", "1", "0.1", "0.02", "200", "0"],
                                        [(1, 0), (9998, 5000)]))
    write("10-min-dt", case(50000, ["15", "10", "0.05", "0.001", "9999.5", "1.0001"],
                            schedule(rng, 50000, 500, 2000)))
    write("11-max-busy-schedule", case(200_000, ["12", "2", "0.15", "0.002", "10000", "0"],
                                       schedule(rng, 200_000, 10_000, 10_000)))
    write("12-max-slow-schedule", case(200_000, ["2.5", "0.5", "0.2", "0.02", "600", "-9999.9999"],
                                       schedule(rng, 200_000, 37, 10_000)))


main()
