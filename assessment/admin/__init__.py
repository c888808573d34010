"""Administrator pages: positions, applications, invitations, reviewers, releases. Web area: routes only; the rules
they apply live in the domain packages (applications, attempts, selection)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import applications, dashboard, invitations, release, reviewers  # noqa: F401  (routes register on bp)
    from .blueprint import bp

    app.register_blueprint(bp)
