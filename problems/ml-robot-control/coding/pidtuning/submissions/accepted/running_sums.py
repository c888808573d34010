import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    kp, ki, kd, dt, limit, x = map(float, data[2:8])
    change = {int(data[8 + 2 * j]): float(data[9 + 2 * j]) for j in range(m)}
    target = 0.0
    error_sum = 0.0
    previous = 0.0
    u = 0.0
    for t in range(1, n + 1):
        if t in change:
            target = change[t]
        e = target - x
        error_sum += e
        derivative = (e - previous) / dt if t > 1 else 0.0
        v = kp * e + ki * (dt * error_sum) + kd * derivative
        u = limit if v > limit else (-limit if v < -limit else v)
        x = x + dt * u
        previous = e
    sys.stdout.write(f"{x:.9f}\n{u:.9f}\n")


main()
