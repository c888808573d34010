# Bug: divides by the row sum for precision and by the column sum for recall (the two are swapped).
import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, c = int(data[0]), int(data[1])
    truth = data[2:2 + n]
    predicted = data[2 + n:2 + 2 * n]
    m = [[0] * c for _ in range(c)]
    for y, p in zip(truth, predicted):
        m[int(y)][int(p)] += 1
    for row in m:
        print(" ".join(map(str, row)))
    for i in range(c):
        row_sum = sum(m[i])
        col_sum = sum(m[k][i] for k in range(c))
        precision = m[i][i] / row_sum if row_sum else 0.0
        recall = m[i][i] / col_sum if col_sum else 0.0
        print(f"{precision:.6f} {recall:.6f}")


main()
