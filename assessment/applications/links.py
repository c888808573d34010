"""Links sent to candidates by email: the configured public base URL plus the route (needs an app context)."""

from __future__ import annotations

from typing import Any

from flask import url_for

from ..extensions import settings
from ..models import Application, Invitation
from ..tokens import INVITATION, make_token


def absolute(endpoint: str, **values: Any) -> str:
    """A link for an email: the configured public base URL plus the route."""
    return settings().base_url.rstrip("/") + url_for(endpoint, **values)


def test_link(application: Application) -> str:
    return absolute("candidate.test_start", application_id=application.id)


def invitation_link(invitation: Invitation) -> str:
    return absolute(
        "candidate.invitation", token=make_token(INVITATION, {"inv": invitation.id, "email": invitation.email})
    )
