"""Additional admin views are added in their own modules and imported here."""
from . import release, reviewers  # noqa: F401
from . import accounts, api_tokens, applications, invitations  # noqa: F401
