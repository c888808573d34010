# Bug: the integral term sums the errors but forgets to multiply by the time step.
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    kp, ki, kd, dt, limit, x = map(float, data[2:8])
    change = {int(data[8 + 2 * j]): float(data[9 + 2 * j]) for j in range(m)}
    target = 0.0
    integral = 0.0
    previous = 0.0
    u = 0.0
    for t in range(1, n + 1):
        if t in change:
            target = change[t]
        e = target - x
        integral += e
        derivative = (e - previous) / dt if t > 1 else 0.0
        v = kp * e + ki * integral + kd * derivative
        u = max(-limit, min(limit, v))
        x += dt * u
        previous = e
    print(f"{x:.9f}\n{u:.9f}")


main()
