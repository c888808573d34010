"""Builders for the account and application tests: positions, a real small PDF, the outbox, CSRF-carrying posts."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.conftest import csrf_token_from

PASSWORD = "correct horse battery"


def tiny_pdf(text: str = "Curriculum vitae") -> bytes:
    """A small, valid one-page PDF 1.4 with a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# The first bytes of a real PNG file (signature + IHDR chunk of a 1x1 image) and its end chunk.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_position(
    app,
    slug: str = "backend",
    *,
    unlock: str = "on_apply",
    opens=None,
    closes=None,
    deadline=None,
    title: str = "Backend Engineer",
    open_now: bool = True,
) -> int:
    from assessment.models import Position, utcnow

    now = utcnow()
    if open_now:
        opens = opens or now - timedelta(days=1)
        closes = closes or now + timedelta(days=7)
    with app.extensions["assessment.db"].new_session() as s:
        position = Position(
            slug=slug,
            title=title,
            description_md="Build APIs.",
            duration_minutes=60,
            has_coding=True,
            weight_coding=1.0,
            languages=["python"],
            unlock=unlock,
            application_opens_at=opens,
            application_closes_at=closes,
            test_deadline_at=deadline or now + timedelta(days=30),
        )
        s.add(position)
        s.commit()
        return position.id


def outbox(settings) -> list[dict]:
    from assessment.mail import read_outbox

    return read_outbox(settings.outbox_dir)


def mails_to(settings, address: str) -> list[dict]:
    return [m for m in outbox(settings) if address in m["to"]]


def link_path(body: str, settings) -> str:
    """The first link in a mail body, as a path for the test client."""
    match = re.search(re.escape(settings.base_url.rstrip("/")) + r"(/\S+)", body)
    assert match, body
    return match.group(1)


def post_form(client, page_url: str, data: dict, post_url: str | None = None, **kwargs):
    """GET page_url for its CSRF token, then POST the form (to post_url or the same URL)."""
    page = client.get(page_url, follow_redirects=True)
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(post_url or page_url, data={**data, "csrf_token": token}, **kwargs)


def application_form(pdf: bytes | None = None, filename: str = "cv.pdf", **overrides) -> dict:
    import io

    data = {
        "phone": "+45 12 34 56 78",
        "education_level": "master",
        "institution": "DTU",
        "graduation_year": "2022",
        "cv": (io.BytesIO(tiny_pdf() if pdf is None else pdf), filename),
    }
    data.update(overrides)
    return data


def apply(client, slug: str = "backend", **form):
    return post_form(client, f"/positions/{slug}/apply", application_form(**form), content_type="multipart/form-data")


def audit_entries(app, action: str) -> list:
    from sqlalchemy import select

    from assessment.models import AuditEntry

    with app.extensions["assessment.db"].new_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all())
