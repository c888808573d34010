"""Online assessment platform for hiring. `create_app` builds the Flask application."""

from __future__ import annotations

import importlib.util
import logging
from datetime import timedelta

from flask import Flask

from .config import Settings
from .db import Database
from .extensions import csrf, limiter, login_manager


def package_folder(package: str) -> str:
    """The folder of a package shipped inside the wheel (e.g. `assessment.templates`, mapped from the top-level
    `templates/` at build time), wherever the platform is installed."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise RuntimeError(f"{package} is missing from this installation: reinstall the platform (pip install .).")
    return str(locations[0])


def create_app(settings: Settings | None = None, *, start_workers: bool = False, migrate: bool = True) -> Flask:
    """The web application. The judging backend named by `settings.judge_backend` is built here (see
    assessment.judging.backends); `start_workers` also starts its in-process services (judge threads, finaliser)."""
    settings = settings or Settings.from_env()
    settings.ensure_dirs()
    settings.ensure_secret_key()
    weak_key_warnings = settings.check_secrets()  # refuses a weak key outside development
    app = Flask(
        __name__,
        template_folder=package_folder("assessment.templates"),
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
        RATELIMIT_ENABLED=settings.rate_limit_enabled,
    )
    app.config.update(settings.extra)

    from . import logging_setup

    logging_setup.configure()
    for warning in weak_key_warnings:
        logging.getLogger(__name__).warning("weak secret key accepted in development: " + warning)

    from .judging.backends import backend_for

    backend = backend_for(settings)
    database = Database(settings.database_url, on_queued=backend.submitted)
    app.extensions["assessment.db"] = database
    app.extensions["assessment.settings"] = settings
    app.extensions["assessment.judge_backend"] = backend
    if migrate:
        from .migrate import upgrade
        from .models.checks import require_valid_stored_values

        upgrade(database)
        require_valid_stored_values(database)  # every stored role, verdict, decision, ... is a known member

    if settings.proxy_hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind `hops` trusted reverse proxies: the client address, scheme and host come from their X-Forwarded-*
        # headers, so rate limits key on the real client rather than on the proxy.
        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from .web.i18n import init_i18n

    init_i18n(app)

    from .web.sessions import load_user

    login_manager.user_loader(load_user)

    @app.teardown_appcontext
    def _remove_session(_exc: BaseException | None = None) -> None:
        database.remove()

    from . import admin, api, auth, candidate, public, review
    from .web import register_web

    for area in (public, auth, candidate, review, admin, api):  # one blueprint per audience, registered here only
        area.register(app)
    register_web(app)

    if start_workers:
        from .background import start_background_services

        start_background_services(app)
    logging.getLogger(__name__).info("app created", extra={"database": database.engine.url.render_as_string()})
    return app
