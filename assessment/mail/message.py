"""Building a plain-text message. Header fields are single lines: a value with a line break (a name typed with one,
say) can never add a header or start the body. The body is UTF-8 sent as 8-bit text, so a message (and its copy in
the outbox folder) reads as written, in any language, instead of quoted-printable or base64."""

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
    text = body if body.endswith("\n") else body + "\n"
    # 8bit allows lines of up to 998 bytes (RFC 5322); a longer line (never in our templates) falls back to
    # quoted-printable, which wraps it.
    readable = all(len(line.encode("utf-8")) <= 998 for line in text.splitlines())
    message.set_content(text, charset="utf-8", cte="8bit" if readable else "quoted-printable")
    return message
