"""Counts are worded with ngettext (plural rules per language), never "1 moves", "submission(s)" or an English 's'
glued on: no text a person reads builds a plural by hand, and the singular forms show where the count is one."""

from __future__ import annotations

import re

from tests.conftest import REPO, post_form
from tests.review import factories as f

# The interface: templates, the pages' scripts and the Python that words pages, flashes and emails. The operator's
# command line and logs (cli/, problems/, judging/) stay English and are not part of it.
INTERFACE = [
    *sorted((REPO / "templates").rglob("*.html")),
    *sorted((REPO / "templates").rglob("*.txt")),
    *sorted(p for p in (REPO / "assessment" / "static" / "js").glob("*.js")),
    *sorted(
        p
        for area in ("admin", "auth", "candidate", "review", "public", "web", "selection", "applications", "attempts")
        for p in (REPO / "assessment" / area).rglob("*.py")
    ),
]
HAND_MADE = [
    re.compile(r"""['"]s['"]\s+if\b"""),  # {{ 's' if n != 1 }}, f"...{'s' if n != 1 else ''}"
    re.compile(r"""\b(?!pad\()[a-z]+\(s\)"""),  # "candidate(s)" (not the clock's pad(s) call)
    re.compile(r"""\?\s*['"] ?words?['"]\s*:"""),  # n === 1 ? " word" : " words"
]


def test_no_interface_text_makes_plurals_by_hand():
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in INTERFACE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(pattern.search(line) for pattern in HAND_MADE)
    ]
    assert not found, "\n".join(found)


def test_a_count_of_one_reads_in_the_singular(app, s, login, client, tmp_path):
    pos = f.position(s, "backend-intern", reviews_per_essay=1)
    app_row = f.candidate(s, pos, "ana@example.com", "Ana")
    f.submission(s, app_row, score=1.0)
    f.answer(s, app_row)  # not graded yet
    f.user(s, "boss@example.com", "admin", "Boss")
    s.commit()
    app_id = app_row.id
    login("ana@example.com", password=f.PASSWORD)
    done = client.get(f"/applications/{app_id}/test/done").get_data(as_text=True)
    assert "1 submission<" in done and "1 submissions" not in done
    client.post("/logout", data={"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', done).group(1)})

    login("boss@example.com", password=f.PASSWORD)
    board = client.get("/review/positions/backend-intern/board").get_data(as_text=True)
    assert "Totals of 1 candidate" in board and "candidate(s)" not in board
    admin = client.get("/admin/").get_data(as_text=True)
    assert re.search(r'stat-value">1</span><span class="stat-label">candidate<', admin)
    decided = post_form(
        client,
        f"/review/positions/backend-intern/candidates/{app_id}/decision",
        {"decision": "reject"},
        page="/review/positions/backend-intern/board",
    )
    assert decided.status_code == 302
    release = client.get("/admin/positions/backend-intern/release-decisions").get_data(as_text=True)
    assert "1 email will be sent" in release and "Release and send 1 email<" in release
    assert "1 essay</strong> is not fully graded or awaits adjudication" in release  # and the essay is singular too
