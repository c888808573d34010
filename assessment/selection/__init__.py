"""Selection: the scoring rules (scoring), code similarity (similarity), the evidence read from the database
(evidence), the board that ranks candidates (board), the essay grading queue (essay_queue), decisions with their
release (decisions), who may see and do what during review (access) and the summary of integrity signals
(integrity). No web code: the review, admin, candidate and API pages call these."""
