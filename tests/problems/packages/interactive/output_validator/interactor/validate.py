# Interactor: reads the secret number from the test input, answers the program's guesses on its stdin/stdout.
import sys


def fail(feedback: str, message: str) -> None:
    with open(feedback + "judgemessage.txt", "a") as out:
        out.write(message + "\n")
    sys.exit(43)


def main() -> None:
    input_file, _answer_file, feedback = sys.argv[1:4]
    with open(input_file) as f:
        secret = int(f.read())
    for _ in range(10):
        line = sys.stdin.readline()
        if not line:
            fail(feedback, "the program stopped before finding the number")
        try:
            guess = int(line)
        except ValueError:
            fail(feedback, f"not a number: {line.strip()!r}")
        if guess == secret:
            print("correct", flush=True)
            if sys.stdin.read().strip():
                fail(feedback, "output after the correct guess")
            sys.exit(42)
        print("lower" if guess > secret else "higher", flush=True)
    fail(feedback, "no correct guess in 10 tries")


main()
