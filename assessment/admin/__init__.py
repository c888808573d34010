"""Administrator pages: positions, applications, invitations, reviewers and their permissions, releases, accounts, API
tokens and system health. Web area: routes only; the rules they apply live in the domain packages (applications,
attempts, selection, accounts)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import (  # noqa: F401  (routes register on bp)
        accounts,
        api_tokens,
        applications,
        candidates,
        dashboard,
        invitations,
        release,
        reviewers,
        weights,
    )
    from .blueprint import bp

    app.register_blueprint(bp)
