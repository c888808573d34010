"""What every web area shares: error pages, security headers and template helpers (`register_web`), role checks
(roles), where to send a signed-in person (links), sessions checked on every request (sessions) and rate limits on the
account forms (limits). The areas themselves are registered by `create_app`."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, TooManyRequests

from ..enums import (
    ApplicationStage,
    DecisionKind,
    IntegrityKind,
    ReviewPermission,
    ReviewRole,
    Role,
    ScoringRule,
    SubmissionKind,
    SubmissionStatus,
    TokenScope,
    TokenState,
    Verdict,
)
from ..extensions import database
from ..rendering import render_html, render_markdown
from ..selection.scoring import as_percent
from .limits import retry_after_seconds
from .metrics import register_request_metrics
from .sessions import refresh_idle_session

log = logging.getLogger("assessment.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes"


def register_web(app: Flask) -> None:
    register_request_metrics(app)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["statement_html"] = render_html
    app.jinja_env.globals["app_name"] = app.config.get("APP_NAME", "Assessment")
    # The vocabularies, so templates compare with members and list them instead of repeating strings.
    for vocabulary in (
        ApplicationStage,
        DecisionKind,
        IntegrityKind,
        ReviewPermission,
        ReviewRole,
        Role,
        ScoringRule,
        SubmissionKind,
        SubmissionStatus,
        TokenScope,
        TokenState,
        Verdict,
    ):
        app.jinja_env.globals[vocabulary.__name__] = vocabulary

    @app.template_filter("dt")
    def _format_dt(value, fmt: str = "%Y-%m-%d %H:%M UTC"):
        return value.strftime(fmt) if value else ""

    @app.template_filter("percent")
    def _percent(value) -> str:
        """A 0..1 score the way the board, the CSV and the API show it: a percentage with 2 decimals."""
        shown = as_percent(value)
        return "" if shown is None else f"{shown:.2f}"

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
        seconds = retry_after_seconds()
        message = f"Too many attempts for this account or from this network. Please try again in {_duration(seconds)}."
        if wants_json():
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
        if wants_json():
            return jsonify(error=error.name, message=error.description), error.code
        return render_template("error.html", error=error), error.code

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error", extra={"path": request.path})
        try:
            database().session.rollback()
        except Exception:  # noqa: BLE001 - the original error is what gets logged
            pass
        if wants_json():
            return jsonify(
                error="Internal Server Error", message="Something went wrong on our side. Please retry."
            ), 500
        return render_template("error.html", error=None), 500
