"""Registers blueprints (one per audience), error pages, security headers and template helpers."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..rendering import render_html, render_markdown

log = logging.getLogger("assessment.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json or (request.accept_mimetypes.best == "application/json")


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
    app.jinja_env.filters["statement_html"] = render_html
    app.jinja_env.globals["app_name"] = app.config.get("APP_NAME", "Assessment")
    app.jinja_env.globals["has_endpoint"] = lambda name: name in app.view_functions

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
