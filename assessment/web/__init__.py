"""Registers blueprints (one per audience), error pages, security headers and template helpers."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, TooManyRequests

from ..rendering import render_markdown

log = logging.getLogger("assessment.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"


def register_web(app: Flask) -> None:
    from ..admin import bp as admin_bp
    from ..auth import bp as auth_bp
    from ..public import bp as public_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    for module_name in ("candidate", "review", "api"):
        module = __import__(f"assessment.{module_name}", fromlist=["bp"])
        if hasattr(module, "register"):
            module.register(app)
        elif hasattr(module, "bp"):
            app.register_blueprint(module.bp)

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["app_name"] = app.config.get("APP_NAME", "Assessment")
    app.jinja_env.globals["has_endpoint"] = lambda name: name in app.view_functions

    @app.template_filter("dt")
    def _format_dt(value, fmt: str = "%Y-%m-%d %H:%M UTC"):
        return value.strftime(fmt) if value else ""

    @app.template_filter("percent")
    def _percent(value) -> str:
        """A 0..1 score the way the board, the CSV and the API show it: a percentage with 2 decimals."""
        from ..review.scoring import as_percent

        shown = as_percent(value)
        return "" if shown is None else f"{shown:.2f}"

    from ..auth.sessions import refresh_idle_session

    https = app.extensions["assessment.settings"].https

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if https:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static":
            # Pages and JSON carry candidates' data, scores and CSRF tokens: never kept by a browser or proxy cache.
            response.headers["Cache-Control"] = "no-store"
        return response

    app.after_request(refresh_idle_session)

    @app.errorhandler(TooManyRequests)
    def _too_many(error: TooManyRequests):
        from ..auth.limits import retry_after_seconds

        seconds = retry_after_seconds()
        message = f"Too many attempts for this account or from this network. Please try again in {_duration(seconds)}."
        if _wants_json():
            response = jsonify(error="too_many_requests", message=message, retry_after=seconds)
        else:
            response = app.make_response(
                render_template("error_429.html", seconds=seconds, wait=_duration(seconds), message=message)
            )
        response.status_code = 429
        response.headers["Retry-After"] = str(seconds)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if _wants_json():
            return jsonify(error=error.name, message=error.description), error.code
        return render_template("error.html", error=error), error.code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error", extra={"path": request.path})
        from ..extensions import database

        try:
            database().session.rollback()
        except Exception:  # pragma: no cover
            pass
        if _wants_json():
            return jsonify(
                error="Internal Server Error", message="Something went wrong on our side. Please retry."
            ), 500
        return render_template("error.html", error=None), 500
