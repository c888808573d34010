"""Flask extensions and accessors shared by the blueprints."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from .config import Settings
from .db import Database

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = lazy_gettext("Please sign in to continue.")
login_manager.localize_callback = str  # the message in the visitor's language, as text for the session
login_manager.login_message_category = "info"

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def database() -> Database:
    return current_app.extensions["assessment.db"]


def session() -> Session:
    """The request's database session."""
    return current_app.extensions["assessment.db"].session()


def settings() -> Settings:
    return current_app.extensions["assessment.settings"]
