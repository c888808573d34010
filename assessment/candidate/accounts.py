"""Candidate pages (see the package docstring)."""
