"""Selection: the scoring rules (scoring), code similarity (similarity), the evidence read from the database
(evidence), the board that ranks candidates (board), the essay grading queue (essay_queue) and decisions with their
release (decisions). No web code: the review, admin and API pages call these."""
