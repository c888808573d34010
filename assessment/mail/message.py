"""Building a plain-text message. Header fields are single lines: a value with a line break (a name typed with one,
say) can never add a header or start the body."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def single_line(text: object) -> str:
    """Text as one line: line breaks, tabs and other control or separator characters become single spaces."""
    value = text if isinstance(text, str) else ("" if text is None else str(text))
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = single_line(sender)
    message["To"] = single_line(to)
    message["Subject"] = single_line(subject)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="assessment.local")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body if body.endswith("\n") else body + "\n")
    return message
