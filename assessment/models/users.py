from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, event, false, inspect, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import Base
from ..enums import Role, TokenScope, TokenState
from ._common import EnumText, utcnow

if TYPE_CHECKING:
    from .content import Position


def new_credentials_stamp() -> str:
    return secrets.token_hex(16)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(EnumText(Role, 20), default=Role.CANDIDATE)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    email_confirmed_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Every signed-in session and remember-me cookie carries the generation it was made in; raising it (sign-out,
    # password change or reset, deactivation, role change) ends them all at their next request.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # Random, replaced whenever the password changes: password-reset and set-password links carry it, so a used link
    # stops working and nothing derived from the password ever leaves the database.
    credentials_stamp: Mapped[str] = mapped_column(String(32), default=new_credentials_stamp)
    # Time zones (IANA names): the one the person chose on their time-zone page, and the one their browser last
    # reported. Pages and emails use the chosen one, else the browser's (assessment.timezones).
    timezone: Mapped[str | None] = mapped_column(String(64))
    browser_timezone: Mapped[str | None] = mapped_column(String(64))
    # Data rights: a candidate asked for their account to be deleted; an administrator erased it (the row stays,
    # anonymised, so that grades and scores keep their statistics).
    deletion_requested_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    # The interface language chosen in the profile (a code of assessment.translations.INTERFACE_LANGUAGES); None
    # follows the browser. Emails to the person are written in it.
    locale: Mapped[str | None] = mapped_column(String(16))

    assignments: Mapped[list[ReviewerAssignment]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def get_id(self) -> str:  # flask-login: what the session and the remember-me cookie carry
        session_id: str | None = getattr(self, "_session_id", None)
        if session_id is None:
            raise RuntimeError("sign users in with assessment.web.sessions.sign_in")
        return session_id

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # flask-login
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_reviewer(self) -> bool:
        return self.role.is_staff

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE


class ReviewerAssignment(Base):
    """A reviewer may see and grade only the positions they are assigned to."""

    __tablename__ = "reviewer_assignments"
    __table_args__ = (UniqueConstraint("user_id", "position_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="assignments")
    # Grading essays, deciding (shortlist / hold / reject), screening CVs and interviewing are separate permissions
    # (ReviewPermission).
    can_grade: Mapped[bool] = mapped_column(default=True, server_default=true())
    can_decide: Mapped[bool] = mapped_column(default=False, server_default=false())
    can_screen: Mapped[bool] = mapped_column(default=False, server_default=false())
    can_interview: Mapped[bool] = mapped_column(default=False, server_default=false())

    position: Mapped[Position] = relationship()


@event.listens_for(User.password_hash, "set", active_history=True)
def _password_changed(user: User, value: str | None, old: object, _initiator: object) -> None:
    if value != old and inspect(user).persistent:
        user.credentials_stamp = new_credentials_stamp()
        user.session_generation = (user.session_generation or 0) + 1


@event.listens_for(User.role, "set", active_history=True)
@event.listens_for(User.active, "set", active_history=True)
def _standing_changed(user: User, value: object, old: object, _initiator: object) -> None:
    if value != old and inspect(user).persistent:
        user.session_generation = (user.session_generation or 0) + 1


class ApiToken(Base):
    """Bearer tokens for the export API (applicant-tracking systems). Only a hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    scopes: Mapped[list[str]] = mapped_column(JSON, default=lambda: [TokenScope.BOARD_READ.value])
    expires_at: Mapped[datetime]

    def allows(self, scope: TokenScope) -> bool:
        return scope in (self.scopes or []) or TokenScope.ADMIN in (self.scopes or [])

    def state(self, now: datetime) -> TokenState:
        if self.revoked_at is not None:
            return TokenState.REVOKED
        return TokenState.EXPIRED if self.expires_at <= now else TokenState.ACTIVE
