"""Reading the outbox folder back (development and tests)."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path


def read_outbox(directory: Path) -> list[dict]:
    """Every .eml message in sending order: {"to", "subject", "body", "path"}."""
    directory = Path(directory)
    if not directory.exists():
        return []
    messages = []
    for path in sorted(directory.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
        messages.append(
            {
                "to": str(message["To"]),
                "subject": str(message["Subject"]),
                "body": part.get_content() if part is not None else "",
                "path": path,
            }
        )
    return messages
