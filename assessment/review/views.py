"""Reviewer views."""
