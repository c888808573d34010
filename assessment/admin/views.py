"""Additional admin views are added in their own modules and imported here."""

from . import accounts, api_tokens, applications, invitations, release, reviewers  # noqa: F401  # noqa: F401
