from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def app():
    """The Flask app for commands that need the database (migrations applied, no judge workers)."""
    from assessment import create_app

    return create_app(start_workers=False)
