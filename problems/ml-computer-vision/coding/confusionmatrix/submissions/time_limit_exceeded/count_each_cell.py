# Fills every cell of the matrix by scanning all n clips again: O(c^2 * n).
import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, c = int(data[0]), int(data[1])
    truth = [int(x) for x in data[2:2 + n]]
    predicted = [int(x) for x in data[2 + n:2 + 2 * n]]
    m = [[0] * c for _ in range(c)]
    for i in range(c):
        for j in range(c):
            total = 0
            for k in range(n):
                if truth[k] == i and predicted[k] == j:
                    total += 1
            m[i][j] = total
    for row in m:
        print(" ".join(map(str, row)))
    for i in range(c):
        col_sum = sum(m[k][i] for k in range(c))
        row_sum = sum(m[i])
        precision = m[i][i] / col_sum if col_sum else 0.0
        recall = m[i][i] / row_sum if row_sum else 0.0
        print(f"{precision:.6f} {recall:.6f}")


main()
