"""Bearer-token checks shared by the machine-facing endpoints (the JSON API and /metrics): a token with the scope,
not expired or revoked (assessment/accounts/api_tokens.py), else 401 or 403 with the fix."""

from __future__ import annotations

from functools import wraps

from flask import g, jsonify, request

from ..accounts.api_tokens import Refusal, authenticate
from ..enums import TokenScope
from ..extensions import session


def refused(refusal: Refusal):
    response = jsonify(error="Unauthorized" if refusal.status == 401 else "Forbidden", message=refusal.message)
    response.status_code = refusal.status
    if refusal.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="assessment"'
    return response


def token_required(scope: TokenScope):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            result = authenticate(session(), request.headers.get("Authorization", ""), scope)
            if isinstance(result, Refusal):
                return refused(result)
            g.api_token = result
            return view(*args, **kwargs)

        return wrapped

    return decorator
