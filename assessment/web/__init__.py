"""What every web area shares: error pages, security headers and template helpers (`register_web`), role checks
(roles), where to send a signed-in person (links), sessions checked on every request (sessions) and rate limits on the
account forms (limits). The areas themselves are registered by `create_app`."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request, send_from_directory
from flask_babel import gettext, lazy_gettext, ngettext
from werkzeug.exceptions import HTTPException, TooManyRequests

from ..enums import (
    ApplicationStage,
    DecisionKind,
    DecisionStage,
    EducationLevel,
    IntegrityKind,
    InterviewRecommendation,
    ReviewPermission,
    ReviewRole,
    Role,
    ScoringRule,
    SubmissionKind,
    SubmissionStatus,
    TokenScope,
    TokenState,
    Unlock,
    Verdict,
    WeightSource,
)
from ..extensions import database
from ..rendering import render_html, render_markdown
from ..selection.scoring import as_percent
from .browser_text import browser_text
from .limits import retry_after_seconds
from .localized import localized
from .metrics import register_request_metrics
from .sessions import refresh_idle_session
from .timezones import register_time_filters

log = logging.getLogger("assessment.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


def _duration(seconds: int) -> str:
    if seconds < 90:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    return ngettext("%(num)d minute", "%(num)d minutes", -(-seconds // 60))


# What an error page says when the code that refused the request gave no reason of its own.
ERROR_TEXTS = {
    400: (lazy_gettext("Bad Request"), lazy_gettext("The request could not be understood. Please go back and retry.")),
    403: (lazy_gettext("Forbidden"), lazy_gettext("You do not have access to this page.")),
    404: (
        lazy_gettext("Not Found"),
        lazy_gettext("There is no page at this address. The link may be incomplete, or the page was removed."),
    ),
    405: (lazy_gettext("Method Not Allowed"), lazy_gettext("This page cannot be used that way.")),
    409: (lazy_gettext("Conflict"), lazy_gettext("This could not be done in the current state. Reload and retry.")),
    410: (lazy_gettext("Gone"), lazy_gettext("This is no longer available.")),
    413: (lazy_gettext("Request Entity Too Large"), lazy_gettext("The upload is too large.")),
}


def error_texts(error: HTTPException) -> tuple[str, str]:
    """The error's name and description in the reader's language: a reason given where the request was refused
    (already translated there), else the platform's words for the status."""
    name, generic = ERROR_TEXTS.get(error.code or 500, (error.name, error.description))
    own = error.description if error.description != type(error).description else None
    return str(name), str(own or generic)


def verdict_label(verdict: object) -> str:
    """A verdict's label (sandbox.spec.Verdict) in the reader's language; "" for none."""
    if not verdict:
        return ""
    try:
        return gettext(Verdict(str(verdict)).label)
    except ValueError:
        return str(verdict)


def label_of(vocabulary: type[Any], value: object) -> str:
    """The label of a stored value of one of the vocabularies (assessment/enums.py) in the reader's language; the
    value itself if it is not a member (an old row), "" for none."""
    if not value:
        return ""
    try:
        return str(vocabulary(str(value)).label)
    except ValueError:
        return str(value)


def decision_label(value: object) -> str:
    """A decision's label (DecisionKind) in the reader's language; "" for none."""
    return label_of(DecisionKind, value)


def register_web(app: Flask) -> None:
    register_request_metrics(app)
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["statement_html"] = render_html
    app.jinja_env.globals["app_name"] = app.config.get("APP_NAME", "Assessment")
    app.jinja_env.globals["error_texts"] = error_texts
    app.jinja_env.globals["localized"] = localized  # statements and prompts in the reader's language
    app.jinja_env.globals["browser_text"] = browser_text  # the scripts' words (web/browser_text.py)
    app.jinja_env.globals["verdict_label"] = verdict_label
    app.jinja_env.globals["decision_label"] = decision_label
    app.jinja_env.globals["education_label"] = lambda value: label_of(EducationLevel, value)
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks: whitespace as in babel.cfg
    # The vocabularies, so templates compare with members and list them instead of repeating strings.
    for vocabulary in (
        ApplicationStage,
        DecisionKind,
        DecisionStage,
        IntegrityKind,
        InterviewRecommendation,
        ReviewPermission,
        ReviewRole,
        Role,
        ScoringRule,
        SubmissionKind,
        SubmissionStatus,
        TokenScope,
        TokenState,
        Unlock,
        Verdict,
        WeightSource,
    ):
        app.jinja_env.globals[vocabulary.__name__] = vocabulary

    register_time_filters(app)  # `dt` and `deadline`: times in the reader's time zone

    @app.template_filter("percent")
    def _percent(value) -> str:
        """A 0..1 score the way the board, the CSV and the API show it: a percentage with 2 decimals."""
        shown = as_percent(value)
        return "" if shown is None else f"{shown:.2f}"

    https = app.extensions["assessment.settings"].https
    # Every response's security headers, unless its view set its own: added in one pass over the response's headers
    # (werkzeug's setdefault scans them three times and raises KeyError for each missing one; this runs per request).
    defaults = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    ]
    if https:
        defaults.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    security_headers = tuple((key.lower(), key, value) for key, value in defaults)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        present = {key.lower() for key, _ in headers.items()}
        for lowered, key, value in security_headers:
            if lowered not in present:
                headers.add(key, value)
        if request.endpoint != "static":
            # Pages and JSON carry candidates' data, scores and CSRF tokens: never kept by a browser or proxy cache.
            if "cache-control" in present:
                headers["Cache-Control"] = "no-store"
            else:
                headers.add("Cache-Control", "no-store")
        return response

    app.after_request(refresh_idle_session)

    @app.route("/favicon.ico")
    def _favicon():
        """Browsers ask for /favicon.ico whatever the page says."""
        return send_from_directory(app.static_folder or "static", "favicon.ico", mimetype="image/vnd.microsoft.icon")

    @app.errorhandler(TooManyRequests)
    def _too_many(error: TooManyRequests):
        seconds = retry_after_seconds()
        message = gettext(
            "Too many attempts for this account or from this network. Please try again in %(wait)s.",
            wait=_duration(seconds),
        )
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
            return jsonify(error=error.name, message=str(error.description)), error.code
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
                error="Internal Server Error", message=gettext("Something went wrong on our side. Please retry.")
            ), 500
        return render_template("error.html", error=None), 500
