"""Outgoing email. `send_mail(to, subject, template_name, locale=..., **context)` renders templates/email/<name>.txt in
the recipient's language and hands the message to the configured backend: SMTP when settings.smtp_url is set
(smtp://user:pass@host:port, smtps://...), otherwise an .eml file in settings.outbox_dir (the default, and what the
tests read)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from email.message import EmailMessage

from flask import render_template
from flask_babel import force_locale
from flask_babel.speaklater import LazyString

from ..translations import supported
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
    "subject",
]


Attachment = tuple[str, str, bytes]  # (file name, MIME type such as "text/calendar; method=REQUEST", content)


def subject(text: object, **values: object) -> LazyString:
    """A subject line with values (`%(title)s`) from a lazily translated text, worded when the mail is rendered, in
    the recipient's language: `subject(DecisionKind.REJECT.email[1], title=position.title)`."""
    return LazyString(lambda: str(text) % values if values else str(text))


def send_mail(
    to: str,
    subject: object,
    template_name: str,
    *,
    locale: str | None = None,
    attachments: Sequence[Attachment] = (),
    **context,
) -> EmailMessage:
    """Render and send one plain-text email (needs an app context), with optional attachments (a calendar invitation).
    Raises MailError when the SMTP server fails.

    `locale` is the recipient's language (their profile's, or the invitation's): the subject (give it as a
    `lazy_gettext` string) and the template are rendered in it. Without one, the language of the page that sends the
    mail is used (the recipient is the person asking, as for a password reset).

    Every text value handed to the template (names, addresses, links) is put on one line first, so text a person
    typed cannot add lines of its own to the message."""
    from ..extensions import settings

    config = settings()
    context = {key: single_line(value) if isinstance(value, str) else value for key, value in context.items()}
    language = supported(locale)
    if language is None:
        subject_text, body = str(subject), render_template(f"email/{template_name}.txt", **context)
    else:
        with force_locale(language):
            subject_text, body = str(subject), render_template(f"email/{template_name}.txt", **context)
    message = build_message(config.mail_from, to, subject_text, body)
    for filename, content_type, data in attachments:
        maintype, _, rest = content_type.partition("/")
        subtype, _, parameters = rest.partition(";")
        params = dict(p.strip().split("=", 1) for p in parameters.split(";") if "=" in p)
        message.add_attachment(data, maintype=maintype, subtype=subtype.strip(), filename=filename, params=params)
    backend_for(config).send(message)
    log.info("mail sent", extra={"template": template_name, "subject": subject_text})
    return message
