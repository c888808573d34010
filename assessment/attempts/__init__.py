"""The timed test as domain rules: the clock and what may be written when (clock), queueing code for the judge
(submissions) and the deadline finaliser (finalize). No web code: the candidate pages call these."""
