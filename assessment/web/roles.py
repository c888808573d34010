"""Role checks. Candidates get 403 on staff pages; anonymous users are sent to sign in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from ..enums import STAFF_ROLES, Role

F = TypeVar("F", bound=Callable[..., Any])


def roles_required(*roles: Role) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


admin_required = roles_required(Role.ADMIN)
staff_required = roles_required(*STAFF_ROLES)
candidate_required = roles_required(Role.CANDIDATE)
