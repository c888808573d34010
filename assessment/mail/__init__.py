"""Outgoing email. `send_mail(to, subject, template_name, **context)` renders templates/email/<name>.txt and hands the
message to the configured backend: SMTP when settings.smtp_url is set (smtp://user:pass@host:port, smtps://...),
otherwise an .eml file in settings.outbox_dir (the default, and what the tests read)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from email.message import EmailMessage

from flask import render_template

from .backends import MailError, OutboxBackend, SmtpBackend, backend_for
from .message import build_message, single_line
from .outbox import read_outbox
from .times import email_time

log = logging.getLogger("assessment.mail")

__all__ = [
    "MailError",
    "OutboxBackend",
    "SmtpBackend",
    "backend_for",
    "build_message",
    "email_time",
    "read_outbox",
    "send_mail",
    "single_line",
]


Attachment = tuple[str, str, bytes]  # (file name, MIME type such as "text/calendar; method=REQUEST", content)


def send_mail(
    to: str, subject: str, template_name: str, *, attachments: Sequence[Attachment] = (), **context
) -> EmailMessage:
    """Render and send one plain-text email (needs an app context), with optional attachments (a calendar invitation).
    Raises MailError when the SMTP server fails.

    Every text value handed to the template (names, addresses, links) is put on one line first, so text a person
    typed cannot add lines of its own to the message."""
    from ..extensions import settings

    config = settings()
    context = {key: single_line(value) if isinstance(value, str) else value for key, value in context.items()}
    body = render_template(f"email/{template_name}.txt", **context)
    message = build_message(config.mail_from, to, subject, body)
    for filename, content_type, data in attachments:
        maintype, _, rest = content_type.partition("/")
        subtype, _, parameters = rest.partition(";")
        params = dict(p.strip().split("=", 1) for p in parameters.split(";") if "=" in p)
        message.add_attachment(data, maintype=maintype, subtype=subtype.strip(), filename=filename, params=params)
    backend_for(config).send(message)
    log.info("mail sent", extra={"template": template_name, "subject": subject})
    return message
