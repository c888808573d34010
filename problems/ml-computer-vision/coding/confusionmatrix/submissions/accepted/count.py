import sys


def main() -> None:
    lines = sys.stdin.buffer.read().split(b"\n")
    n, c = map(int, lines[0].split())
    truth = lines[1].split()
    predicted = lines[2].split()
    counts = [0] * (c * c)
    for y, p in zip(map(int, truth), map(int, predicted)):
        counts[y * c + p] += 1
    rows = [counts[i * c:(i + 1) * c] for i in range(c)]
    out = [" ".join(map(str, row)) for row in rows]
    for i in range(c):
        hit = rows[i][i]
        predicted_i = sum(rows[k][i] for k in range(c))
        actual_i = sum(rows[i])
        precision = hit / predicted_i if predicted_i else 0.0
        recall = hit / actual_i if actual_i else 0.0
        out.append(f"{precision:.6f} {recall:.6f}")
    sys.stdout.write("\n".join(out) + "\n")


main()
