"""Sending the review area's emails: through assessment.mail.send_mail when it is installed, otherwise by rendering
templates/email/<name>.txt and writing the message to the outbox folder (the same place the mail package uses when
no SMTP server is configured)."""
from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import render_template

from ..extensions import settings


def send(to: str, subject: str, template_name: str, **context) -> None:
    try:
        from ..mail import send_mail
    except ImportError:
        send_mail = None
    if send_mail is not None:
        send_mail(to, subject, template_name, **context)
        return
    _write_outbox(to, subject, render_template(f"email/{template_name}.txt", **context))


def _write_outbox(to: str, subject: str, body: str) -> None:
    config = settings()
    message = EmailMessage()
    message["From"] = config.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message_id = make_msgid(domain="assessment.local")
    message["Message-ID"] = message_id
    message.set_content(body)
    config.outbox_dir.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", message_id.strip("<>"))[:80]
    (config.outbox_dir / f"{stem}.eml").write_bytes(bytes(message))
