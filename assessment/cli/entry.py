"""`python -m assessment.cli.entry ...` is the same as the `assessment` command."""

from . import main

if __name__ == "__main__":
    main()
