from tests.candidate.conftest import two_candidates  # noqa: F401  (the candidate pages' fixture, reused)
