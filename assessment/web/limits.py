"""Rate limits on the account forms, in one place.

Every form is limited twice: per account (the email address it is about) and per network address, with a much higher
address limit, so that one person's typos lock out only their own account and a test centre where hundreds of
candidates share one address gets through. Sign-in counts only failed attempts: signing in successfully never uses up
anybody's allowance. A request over a limit gets the 429 page (or JSON) saying when to try again, with Retry-After."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Response, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..extensions import limiter, settings

F = TypeVar("F", bound=Callable[..., Any])

# Sign-in counts failed attempts only; forms that send email or set a password count every POST. The per-address
# limits are settings (ASSESSMENT_SIGNIN_LIMIT_PER_ADDRESS, ASSESSMENT_FORM_LIMIT_PER_ADDRESS).
SIGN_IN_PER_ACCOUNT = "10 per 15 minutes"
FORM_PER_ACCOUNT = "5 per 15 minutes"


def signin_per_address() -> str:
    return settings().signin_address_limit


def form_per_address() -> str:
    return settings().form_address_limit


def account_key() -> str:
    """The account the form is about: the email address it names, the link's token for forms reached from an email,
    or the signed-in user."""
    email = (request.form.get("email") or "").strip().lower()[:320]
    if email:
        return "account:" + email
    token = (request.view_args or {}).get("token")
    if token:
        return "link:" + str(token)[:200]
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return "address:" + get_remote_address()


def failed_sign_in(response: Response) -> bool:
    """A sign-in that did not sign anybody in (a successful one redirects)."""
    return response.status_code != 302


def sign_in_limits(view: F) -> F:
    limited = limiter.limit(
        SIGN_IN_PER_ACCOUNT, key_func=account_key, methods=["POST"], deduct_when=failed_sign_in, scope="sign-in-account"
    )(view)
    return cast(
        F,
        limiter.limit(signin_per_address, methods=["POST"], deduct_when=failed_sign_in, scope="sign-in-address")(
            limited
        ),
    )


def form_limits(scope: str) -> Callable[[F], F]:
    """Per-account and per-address limits for a POSTed account form (registration, password reset, ...)."""

    def decorate(view: F) -> F:
        limited = limiter.limit(FORM_PER_ACCOUNT, key_func=account_key, methods=["POST"], scope=f"{scope}-account")(
            view
        )
        return cast(F, limiter.limit(form_per_address, methods=["POST"], scope=f"{scope}-address")(limited))

    return decorate


def retry_after_seconds() -> int:
    """Seconds until the limit this request broke lets a request through again (at least 1)."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))
