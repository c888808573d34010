"""Output checking, always on the host side of the sandbox: the default Kattis validator and custom validators."""

from .default import check, parse_flags

__all__ = ["check", "parse_flags"]
