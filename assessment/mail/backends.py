"""Where messages go: an outbox folder of .eml files, or an SMTP server."""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class MailError(Exception):
    """The message could not be handed to the mail server."""


class OutboxBackend:
    """Writes each message to <outbox>/<UTC timestamp>-<random>.eml (names sort in sending order)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def send(self, message: EmailMessage) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = self.directory / f"{stamp}-{secrets.token_hex(4)}.eml"
        temporary = path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(message))
        os.replace(temporary, path)  # readers never see half a message
        return path


class SmtpBackend:
    """smtp://[user:pass@]host[:port][?starttls=1]  (STARTTLS is also used on port 587)
    smtps://[user:pass@]host[:port]                (TLS from the start, default port 465)"""

    def __init__(self, url: str, timeout: float = 30.0):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError(
                f"The SMTP URL {parts.scheme}://{parts.hostname or ''}... is not valid: "
                "use smtp://user:pass@host:port or smtps://user:pass@host:port."
            )
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        query = parse_qs(parts.query)
        self.starttls = not self.tls and (
            self.port == 587 or query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
        )
        self.timeout = timeout

    def send(self, message: EmailMessage) -> None:
        try:
            if self.tls:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.starttls:
                    client.starttls(context=ssl.create_default_context())
                if self.username:
                    client.login(self.username, self.password or "")
                client.ehlo_or_helo_if_needed()
                if message.get("Content-Transfer-Encoding") == "8bit":
                    if client.has_extn("8bitmime"):
                        client.send_message(message, mail_options=["BODY=8BITMIME"])
                        return
                    message = _seven_bit(message)  # an old server: the same text, quoted-printable
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"Could not send mail through {self.host}:{self.port}: {exc}") from exc


def _seven_bit(message: EmailMessage) -> EmailMessage:
    copy = EmailMessage()
    for name, value in message.items():
        if name.lower() not in ("content-type", "content-transfer-encoding", "mime-version"):
            copy[name] = value
    copy.set_content(message.get_content(), charset="utf-8", cte="quoted-printable")
    return copy


def backend_for(settings) -> OutboxBackend | SmtpBackend:
    if settings.smtp_url:
        return SmtpBackend(settings.smtp_url)
    return OutboxBackend(settings.outbox_dir)
