"""Online assessment platform for hiring. `create_app` builds the Flask application."""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from flask import Flask

from .config import REPO_ROOT, Settings
from .db import Database
from .extensions import csrf, limiter, login_manager


def proxy_hops() -> int:
    """ASSESSMENT_PROXY_HOPS: how many reverse proxies in front of the app set X-Forwarded-* headers (0 = none)."""
    value = os.environ.get("ASSESSMENT_PROXY_HOPS", "").strip()
    if not value:
        return 0
    try:
        hops = int(value)
    except ValueError:
        hops = -1
    if hops < 0:
        raise SystemExit(
            f"ASSESSMENT_PROXY_HOPS={value!r} is not valid: set it to the number of reverse proxies in "
            "front of the app (for example 1), or leave it unset when there is none."
        )
    return hops


def create_app(settings: Settings | None = None, *, start_workers: bool | None = None, migrate: bool = True) -> Flask:
    settings = settings or Settings.from_env()
    weak_key_warnings = settings.check_secrets()  # refuses a weak key outside development
    hops = proxy_hops()
    settings.ensure_dirs()
    app = Flask(
        __name__,
        template_folder=str(REPO_ROOT / "templates"),
        static_folder="static",
        instance_path=str(settings.instance_path),
    )
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SECRET_KEY_FALLBACKS=list(settings.secret_key_fallbacks),
        MAX_CONTENT_LENGTH=settings.cv_max_bytes + 512 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.https,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.https,
        REMEMBER_COOKIE_DURATION=timedelta(days=settings.remember_days),
        WTF_CSRF_TIME_LIMIT=None,
        RATELIMIT_STORAGE_URI=settings.rate_limit_storage,
        RATELIMIT_HEADERS_ENABLED=True,
        # Benchmarks send every simulated candidate from 127.0.0.1; ASSESSMENT_RATELIMIT_ENABLED=0 turns limits off.
        RATELIMIT_ENABLED=os.environ.get("ASSESSMENT_RATELIMIT_ENABLED", "1") != "0",
    )
    app.config.update(settings.extra)

    from . import logging_setup

    logging_setup.configure(app)
    for warning in weak_key_warnings:
        logging.getLogger(__name__).warning("weak secret key accepted in development: " + warning)

    database = Database(settings.database_url)
    app.extensions["assessment.db"] = database
    app.extensions["assessment.settings"] = settings
    if migrate:
        from .migrate import upgrade

        upgrade(database)

    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind `hops` trusted reverse proxies: the client address, scheme and host come from their X-Forwarded-*
        # headers, so rate limits key on the real client rather than on the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from .auth.sessions import load_user

    login_manager.user_loader(load_user)

    @app.teardown_appcontext
    def _remove_session(_exc=None):
        database.remove()

    from .web import register_web

    register_web(app)

    if settings.judge_backend == "celery":
        from .judging.dispatch import use_celery

        use_celery(settings.broker_url, settings.database_url)
    if start_workers is None:
        start_workers = False
    if start_workers:
        from .judging.service import start_background_services

        start_background_services(app)
    logging.getLogger(__name__).info("app created", extra={"database": database.engine.url.render_as_string()})
    return app
