"""Inviting people to apply for a position: one at a time or a CSV file of name,email (header optional).
A file with any problem sends nothing and names the line to fix."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from flask_login import current_user
from sqlalchemy import select

from ..applications.links import invitation_link
from ..extensions import session
from ..mail import MailError, email_time, send_mail
from ..mail.message import single_line
from ..models import Application, Invitation, Position, audit, utcnow
from ..tokens import INVITATION
from ..web.i18n import INTERFACE_LANGUAGES, current_language, language_name
from ..web.roles import admin_required
from .blueprint import bp
from .lookups import position_or_404

log = logging.getLogger("assessment.invitations")

MAX_ROWS = 500
HEADER = ["name", "email", "language"]


class CsvError(ValueError):
    """What is wrong with the uploaded file, naming the line."""


@dataclass(frozen=True)
class Invitee:
    line: int
    name: str
    email: str
    locale: str | None = None  # the language of the invitation email (the file's third column, if any)


def normalized_email(value: str) -> str:
    return validate_email(value.strip(), check_deliverability=False).normalized.lower()


def parse_invitation_csv(data: bytes, max_rows: int = MAX_ROWS) -> list[Invitee]:
    """Every invitee in the file, or CsvError for the first problem. Blank lines are skipped, duplicates kept once.
    An optional third column names the language of the person's email (`en`, `ja`, ...)."""
    if not data.strip():
        raise CsvError(gettext("The file is empty. It needs one line per person: name,email."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvError(
            gettext('Line %(line)d is not UTF-8 text. Save the file as "CSV UTF-8" and upload it again.', line=line)
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    invitees: list[Invitee] = []
    seen: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            cells = [cell.strip() for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if not invitees and not seen and [c.lower() for c in cells] in (["name", "email"], HEADER):
                continue  # header
            if len(cells) not in (2, 3):
                raise CsvError(
                    gettext(
                        "Line %(line)d: expected two columns, name and email (and optionally the language), but found "
                        "%(found)d.",
                        line=line,
                        found=len(cells),
                    )
                )
            name, email = cells[0], cells[1]
            locale = cells[2].lower() if len(cells) == 3 else None
            if not name:
                raise CsvError(gettext("Line %(line)d: the name is empty.", line=line))
            if len(name) > 200:
                raise CsvError(gettext("Line %(line)d: the name is longer than 200 characters.", line=line))
            if locale is not None and locale not in INTERFACE_LANGUAGES:
                raise CsvError(
                    gettext(
                        'Line %(line)d: "%(language)s" is not a language of this platform; use %(choices)s.',
                        line=line,
                        language=locale[:20],
                        choices=", ".join(INTERFACE_LANGUAGES),
                    )
                )
            try:
                email = normalized_email(email)
            except EmailNotValidError:
                raise CsvError(
                    gettext('Line %(line)d: "%(email)s" is not a valid email address.', line=line, email=email[:100])
                ) from None
            if email in seen:
                continue
            seen.add(email)
            invitees.append(Invitee(line, name, email, locale))
            if len(invitees) > max_rows:
                raise CsvError(
                    gettext(
                        "Line %(line)d: the file has more than %(max)d people. Split it into files of at most "
                        "%(max)d lines.",
                        line=line,
                        max=max_rows,
                    )
                )
    except csv.Error as exc:
        raise CsvError(gettext("Line %(line)d: %(problem)s.", line=reader.line_num, problem=exc)) from None
    if not invitees:
        raise CsvError(gettext("The file has no invitations in it. It needs one line per person: name,email."))
    return invitees


def create_invitation(db, position: Position, name: str, email: str, actor, locale: str | None = None) -> Invitation:
    now = utcnow()
    invitation = Invitation(
        position_id=position.id,
        name=single_line(name)[:200],
        email=email,
        locale=locale if locale in INTERFACE_LANGUAGES else None,
        invited_by_id=actor.id,
        created_at=now,
        expires_at=now + timedelta(seconds=INVITATION.max_age_seconds),
    )
    db.add(invitation)
    db.flush()
    audit(db, "invitation.created", actor=actor, target=invitation, position=position.slug, email=email)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    position = invitation.position
    send_mail(
        invitation.email,
        lazy_gettext("You are invited to apply for %(title)s", title=position.title),
        "invitation",
        locale=invitation.locale,
        name=invitation.name,
        position=position,
        link=invitation_link(invitation),
        expires_at=invitation.expires_at,
        expires_text=email_time(invitation.expires_at, position.timezone),
        closes_text=email_time(position.application_closes_at, position.timezone),
        inviter=current_user.name,
    )


def _send_all(invitations: list[Invitation]) -> int:
    sent = 0
    for invitation in invitations:
        try:
            send_invitation(invitation)
        except MailError as exc:
            log.exception("invitation mail failed")
            flash(
                gettext(
                    "The mail server failed after %(sent)d of %(total)d invitations: %(problem)s",
                    sent=sent,
                    total=len(invitations),
                    problem=exc,
                ),
                "error",
            )
            break
        sent += 1
    return sent


def invitation_status(invitation: Invitation, applied: set[str], now) -> str:
    if invitation.email in applied:
        return "applied"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at < now:
        return "expired"
    return "pending"


@bp.route("/positions/<slug>/invitations")
@admin_required
def invitations(slug: str):
    db = session()
    position = position_or_404(slug)
    items = db.scalars(
        select(Invitation)
        .where(Invitation.position_id == position.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()
    from ..models import User

    applied = set(
        db.scalars(
            select(User.email)
            .join(Application, Application.user_id == User.id)
            .where(Application.position_id == position.id)
        ).all()
    )
    now = utcnow()
    rows = [{"invitation": i, "status": invitation_status(i, applied, now)} for i in items]
    return render_template(
        "admin/invitations.html",
        position=position,
        rows=rows,
        max_rows=MAX_ROWS,
        days=INVITATION.max_age_seconds // 86400,
        can_resend=CAN_RESEND,
        can_revoke=CAN_REVOKE,
        status_labels=STATUS_LABELS,
        languages=[(code, language_name(code)) for code in INTERFACE_LANGUAGES],
        default_language=current_language(),
    )


@bp.route("/positions/<slug>/invitations", methods=["POST"])
@admin_required
def invite_one(slug: str):
    db = session()
    position = position_or_404(slug)
    name = single_line(request.form.get("name", ""))
    try:
        email = normalized_email(request.form.get("email", ""))
    except EmailNotValidError:
        flash(gettext("That email address is not valid. Nothing was sent."), "error")
        return redirect(url_for("admin.invitations", slug=slug))
    if not name:
        flash(gettext("Enter the person's name. Nothing was sent."), "error")
        return redirect(url_for("admin.invitations", slug=slug))
    invitation = create_invitation(db, position, name, email, current_user, request.form.get("locale"))
    db.commit()
    if _send_all([invitation]):
        flash(gettext("Invitation sent to %(email)s.", email=email), "success")
    return redirect(url_for("admin.invitations", slug=slug))


@bp.route("/positions/<slug>/invitations/upload", methods=["POST"])
@admin_required
def invite_csv(slug: str):
    db = session()
    position = position_or_404(slug)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(gettext("Choose a CSV file to upload. Nothing was sent."), "error")
        return redirect(url_for("admin.invitations", slug=slug))
    try:
        invitees = parse_invitation_csv(upload.read())
    except CsvError as exc:
        flash(gettext("Nothing was sent. %(problem)s Fix the file and upload it again.", problem=exc), "error")
        return redirect(url_for("admin.invitations", slug=slug))
    default = request.form.get("locale")  # the form's language, for lines that name none
    created = [create_invitation(db, position, i.name, i.email, current_user, i.locale or default) for i in invitees]
    audit(
        db,
        "invitation.csv_upload",
        actor=current_user,
        target=position,
        count=len(created),
        filename=(upload.filename or "")[:200],
    )
    db.commit()
    sent = _send_all(created)
    if sent:
        flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent), "success")
    return redirect(url_for("admin.invitations", slug=slug))


# Which actions an invitation in each status allows.
CAN_RESEND = ("pending", "expired")
CAN_REVOKE = ("pending",)
STATUS_LABELS = {
    "applied": lazy_gettext("applied"),
    "accepted": lazy_gettext("accepted"),
    "revoked": lazy_gettext("revoked"),
    "expired": lazy_gettext("expired"),
    "pending": lazy_gettext("pending"),
}


def _invitation(position: Position, invitation_id: int) -> tuple[Invitation, str]:
    """The position's invitation and its current status (404 for another position's)."""
    from ..models import User

    db = session()
    invitation = db.get(Invitation, invitation_id)
    if invitation is None or invitation.position_id != position.id:
        abort(404)
    applied = set(
        db.scalars(
            select(User.email)
            .join(Application, Application.user_id == User.id)
            .where(Application.position_id == position.id, User.email == invitation.email)
        ).all()
    )
    return invitation, invitation_status(invitation, applied, utcnow())


@bp.route("/positions/<slug>/invitations/<int:invitation_id>/resend", methods=["POST"])
@admin_required
def resend_invitation(slug: str, invitation_id: int):
    """A fresh link and a fresh expiry for an invitation nobody has used yet."""
    db = session()
    position = position_or_404(slug)
    invitation, status = _invitation(position, invitation_id)
    if status not in CAN_RESEND:
        flash(
            gettext(
                "The invitation to %(email)s is %(status)s; only a pending or expired invitation can be sent again. "
                "Nothing was sent.",
                email=invitation.email,
                status=STATUS_LABELS[status],
            ),
            "error",
        )
        return redirect(url_for("admin.invitations", slug=slug))
    previous = invitation.expires_at
    invitation.expires_at = utcnow() + timedelta(seconds=INVITATION.max_age_seconds)
    try:
        send_invitation(invitation)
    except MailError as exc:
        db.rollback()
        log.exception("invitation mail failed")
        flash(
            gettext("The mail server failed, so the invitation was not sent again: %(problem)s", problem=exc), "error"
        )
        return redirect(url_for("admin.invitations", slug=slug))
    audit(
        db,
        "invitation.resent",
        actor=current_user,
        target=invitation,
        position=position.slug,
        email=invitation.email,
        previous_expires_at=previous.isoformat(),
        expires_at=invitation.expires_at.isoformat(),
    )
    db.commit()
    flash(gettext("Invitation sent again to %(email)s.", email=invitation.email), "success")
    return redirect(url_for("admin.invitations", slug=slug))


@bp.route("/positions/<slug>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@admin_required
def revoke_invitation(slug: str, invitation_id: int):
    """Withdraw a pending invitation: its link then shows a "withdrawn" page."""
    db = session()
    position = position_or_404(slug)
    invitation, status = _invitation(position, invitation_id)
    if status not in CAN_REVOKE:
        flash(
            gettext(
                "The invitation to %(email)s is %(status)s; only a pending invitation can be withdrawn.",
                email=invitation.email,
                status=STATUS_LABELS[status],
            ),
            "error",
        )
        return redirect(url_for("admin.invitations", slug=slug))
    invitation.revoked_at = utcnow()
    audit(
        db, "invitation.revoked", actor=current_user, target=invitation, position=position.slug, email=invitation.email
    )
    db.commit()
    flash(
        gettext("The invitation to %(email)s is withdrawn; its link no longer works.", email=invitation.email),
        "success",
    )
    return redirect(url_for("admin.invitations", slug=slug))
