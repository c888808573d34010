"""Building a plain-text message."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="assessment.local")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body if body.endswith("\n") else body + "\n")
    return message
