"""Applications as domain rules shared by the candidate and admin pages: the application window, the stage shown to
the candidate, releasing the test (stages) and the links sent by email (links)."""
