"""What every web area shares: error pages, security headers and template helpers (`register_web`), role checks
(roles) and where to send a signed-in person (links). The areas themselves are registered by `create_app`."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..enums import ApplicationStage, DecisionKind, ReviewRole, Role, SubmissionKind, SubmissionStatus, Verdict
from ..extensions import database
from ..rendering import render_html, render_markdown

log = logging.getLogger("assessment.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


def register_web(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["statement_html"] = render_html
    app.jinja_env.globals["app_name"] = app.config.get("APP_NAME", "Assessment")
    # The vocabularies, so templates compare with members and list them instead of repeating strings.
    for vocabulary in (ApplicationStage, DecisionKind, ReviewRole, Role, SubmissionKind, SubmissionStatus, Verdict):
        app.jinja_env.globals[vocabulary.__name__] = vocabulary

    @app.template_filter("dt")
    def _format_dt(value, fmt: str = "%Y-%m-%d %H:%M UTC"):
        return value.strftime(fmt) if value else ""

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
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
