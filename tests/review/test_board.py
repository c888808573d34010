"""The selection board: ranking by weighted total (hand-computed), CSV and JSON identical to the page, API tokens,
and position isolation for reviewers (graders see the board only once the position's grading is closed)."""

import csv
import hashlib
import io
import re
from datetime import timedelta

import pytest
from click.testing import CliRunner

from assessment.models import ApiToken, utcnow
from tests.review import factories as f

TOKEN = "test-token-0123456789"


@pytest.fixture
def board(s):
    pos = f.position(s, "backend-intern", weight_coding=0.6, weight_essay=0.4, problems=2, prompts=1)
    other = f.position(s, "design-intern", coding=False, weight_essay=1.0)
    r1, r2, r3 = (f.user(s, f"rev{i}@example.org", "reviewer", f"Reviewer {i}") for i in (1, 2, 3))
    outsider = f.user(s, "outsider@example.org", "reviewer", "Outsider")
    for r in (r1, r2, r3):
        f.assign(s, r, pos)
    f.assign(s, outsider, other)
    f.user(s, "admin@example.org", "admin", "Admin")
    ada = f.candidate(s, pos, "ada@example.com", "Ada Lovelace")
    bob = f.candidate(s, pos, "bob@example.com", "Bob Builder")
    cy = f.candidate(s, pos, "cy@example.com", "Cy Young")
    # Ada: problems 1.0 (best of 0.5 then 1.0) and 0.5 -> coding 0.75; essay graders 8 and 6 of 10 -> 0.7
    f.submission(s, ada, 0, score=0.5, minutes_ago=50)
    f.submission(s, ada, 0, score=1.0, minutes_ago=40)
    f.submission(s, ada, 1, score=0.5, kind="auto")
    a = f.answer(s, ada)
    f.review(s, a, r1, [4, 3, 1])
    f.review(s, a, r2, [2, 3, 1])
    # Bob: coding (1.0 + 1.0)/2 = 1.0, a samples run does not count; essay 10 vs 2 -> adjudicated 4+1+0 = 0.5
    f.submission(s, bob, 0, score=1.0)
    f.submission(s, bob, 1, score=1.0)
    b = f.answer(s, bob)
    f.review(s, b, r1, [4, 3, 3])
    f.review(s, b, r2, [0, 1, 1])
    f.review(s, b, r3, [4, 1, 0], role="adjudicator")
    # Cy: one problem 0.25 (samples 1.0 ignored) -> coding 0.125; no essay answer -> 0
    f.submission(s, cy, 0, score=0.25)
    f.submission(s, cy, 1, score=1.0, kind="samples")
    s.add(
        ApiToken(
            name="ats",
            token_hash=hashlib.sha256(TOKEN.encode()).hexdigest(),
            scopes=["board:read"],
            expires_at=utcnow() + timedelta(days=30),
        )
    )
    s.commit()
    return {"position": pos, "apps": {"ada": ada, "bob": bob, "cy": cy}}


def table_rows(html: str) -> list[dict]:
    rows = []
    for tr in re.findall(r'<tr id="candidate-\d+".*?</tr>', html, re.S):
        cells = dict(re.findall(r'<td hidden data-col="([a-z_]+)">(.*?)</td>', tr, re.S))
        rows.append({k: v.replace("&#39;", "'").replace("&amp;", "&") for k, v in cells.items()})
    return rows


def test_board_ranks_by_weighted_total(board, new_client):
    c = new_client("admin@example.org")
    html = c.get("/review/positions/backend-intern/board").get_data(as_text=True)
    rows = table_rows(html)
    assert [r["name"] for r in rows] == ["Bob Builder", "Ada Lovelace", "Cy Young"]
    bob, ada, cy = rows
    # Bob 0.6*1.0 + 0.4*0.5 = 0.8; Ada 0.6*0.75 + 0.4*0.7 = 0.73; Cy 0.6*0.125 + 0 = 0.075
    assert (bob["coding_score"], bob["essay_score"], bob["total"]) == ("100.00", "50.00", "80.00")
    assert (ada["coding_score"], ada["essay_score"], ada["total"]) == ("75.00", "70.00", "73.00")
    assert (cy["coding_score"], cy["essay_score"], cy["total"]) == ("12.50", "0.00", "7.50")
    assert (bob["essays_graded"], bob["essays_needed"]) == ("3", "3")  # 2 graders + adjudication
    assert (ada["essays_graded"], ada["essays_needed"]) == ("2", "2")
    assert (cy["essays_graded"], cy["essays_needed"]) == ("0", "0")
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert "<svg" in html and 'class="histogram"' in html  # server-side inline SVG histogram


def test_decision_cutoff_csv_and_json_equal_board(board, new_client, client, s):
    c = new_client("admin@example.org")
    from tests.conftest import post_form

    ada = board["apps"]["ada"]
    response = post_form(
        c,
        f"/review/positions/backend-intern/candidates/{ada.id}/decision",
        {"decision": "shortlist", "note": "Strong essay, invite"},
        page="/review/positions/backend-intern/board",
    )
    assert response.status_code == 302
    html = c.get("/review/positions/backend-intern/board").get_data(as_text=True)
    page_rows = table_rows(html)
    assert page_rows[1]["decision"] == "shortlist" and page_rows[1]["decided_by"] == "Admin"
    assert "shortlist ≥ 73.00" in html  # the cut-off line is at the lowest shortlisted total
    csv_response = c.get("/review/positions/backend-intern/board.csv")
    assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    csv_rows = list(csv.DictReader(io.StringIO(csv_response.get_data(as_text=True))))
    assert csv_rows == page_rows
    api = client.get("/api/v1/positions/backend-intern/board", headers={"Authorization": f"Bearer {TOKEN}"})
    assert api.status_code == 200
    data = api.get_json()
    assert data["shortlist_cutoff"] == 73.0

    def fmt(v):
        return "" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)

    assert [{k: fmt(v) for k, v in row.items()} for row in data["rows"]] == csv_rows
    assert data["columns"] == list(csv_rows[0].keys())


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wrong-token", "Basic dXNlcjpwdw==", f"Token {TOKEN}"])
def test_api_rejects_missing_or_invalid_token(board, client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/positions/backend-intern/board", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] == "Unauthorized"
    assert "Bearer" in response.headers["WWW-Authenticate"]


def test_api_revoked_token_and_unknown_position(board, client, s):
    ok = client.get("/api/v1/positions/nope/board", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 404
    token = s.query(ApiToken).one()
    assert token.token_hash != TOKEN and len(token.token_hash) == 64  # only the hash is stored
    token.revoked_at = utcnow()
    s.commit()
    response = client.get("/api/v1/positions/backend-intern/board", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 401


def test_api_token_cli_create_list_revoke(board, app, settings, monkeypatch):
    from assessment.cli import _app, main

    monkeypatch.setattr(_app, "app", lambda: app)
    import assessment.cli.api_tokens as cli_module

    monkeypatch.setattr(cli_module, "app", lambda: app)
    runner = CliRunner()
    result = runner.invoke(main, ["api-token", "create", "--name", "Greenhouse"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    client = app.test_client()
    assert (
        client.get("/api/v1/positions/backend-intern/board", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )
    listing = runner.invoke(main, ["api-token", "list"])
    assert "Greenhouse" in listing.output and "active" in listing.output and token not in listing.output
    token_id = next(line.split("\t")[0] for line in listing.output.splitlines() if "Greenhouse" in line)
    assert runner.invoke(main, ["api-token", "revoke", token_id]).exit_code == 0
    assert (
        client.get("/api/v1/positions/backend-intern/board", headers={"Authorization": f"Bearer {token}"}).status_code
        == 401
    )
    assert "revoked" in runner.invoke(main, ["api-token", "list"]).output
    missing = runner.invoke(main, ["api-token", "revoke", "999"])
    assert missing.exit_code == 2 and "no API token with id 999" in missing.output


def test_reviewers_see_only_their_positions(board, new_client, make_user, login, app, s):
    ada = board["apps"]["ada"]
    for position in (board["position"], s.get(type(board["position"]), board["position"].id + 1)):
        position.grading_closed_at = utcnow()  # graders see boards once grading is closed
    s.commit()
    outsider = new_client("outsider@example.org")
    urls = [
        "/review/positions/backend-intern/board",
        "/review/positions/backend-intern/board.csv",
        "/review/positions/backend-intern/queue",
        "/review/positions/backend-intern/queue/next",
        f"/review/positions/backend-intern/candidates/{ada.id}",
        f"/review/positions/backend-intern/candidates/{ada.id}/report",
        "/review/positions/backend-intern/similarity",
    ]
    for url in urls:
        assert outsider.get(url).status_code in (403, 404), url
    home = outsider.get("/review/").get_data(as_text=True)
    assert "Design Intern" in home and "Backend Intern" not in home
    assert outsider.get("/review/positions/design-intern/board").status_code == 200
    # A reviewer of the position sees it; a candidate gets 403; anonymous users are sent to sign in.
    insider = new_client("rev2@example.org")
    for url in urls[:3] + urls[4:]:
        assert insider.get(url).status_code == 200, url
    assert insider.get("/review/positions/design-intern/board").status_code == 404
    cand = app.test_client()
    login("ada@example.com", c=cand)
    assert cand.get(urls[0]).status_code == 403
    assert app.test_client().get(urls[0]).status_code == 302
    # Admins see every position.
    admin = new_client("admin@example.org")
    assert (
        admin.get(urls[0]).status_code == 200 and admin.get("/review/positions/design-intern/board").status_code == 200
    )
    # Another position's application id is not reachable through this position's URLs.
    other_app = f.candidate(s, s.get(type(board["position"]), board["position"].id + 1), "zed@example.com", "Zed")
    assert insider.get(f"/review/positions/backend-intern/candidates/{other_app.id}/report").status_code == 404


def test_candidate_page_and_report_show_code_verdicts_and_integrity(board, new_client, s):
    from assessment.models import IntegrityEvent

    ada = board["apps"]["ada"]
    attempt = f.attempt_of(s, ada)
    s.add(
        IntegrityEvent(
            attempt_id=attempt.id,
            kind="hidden",
            detail={},
            duration_ms=42_000,
            occurred_at=attempt.started_at + timedelta(minutes=3),
        )
    )
    s.add(
        IntegrityEvent(
            attempt_id=attempt.id,
            kind="paste",
            detail={"length": 812},
            occurred_at=attempt.started_at + timedelta(minutes=5),
        )
    )
    s.commit()
    c = new_client("admin@example.org")
    page = c.get(f"/review/positions/backend-intern/candidates/{ada.id}").get_data(as_text=True)
    assert "Ada Lovelace" in page and "ada@example.com" in page
    assert "Switched to another tab" in page and "42 s" in page and "3:00 into the test" in page
    assert "Pasted a large text" in page and "length: 812" in page and 'class="integrity-timeline"' in page
    sub_ids = re.findall(rf"/candidates/{ada.id}/submissions/(\d+)", page)
    assert sub_ids
    detail = c.get(f"/review/positions/backend-intern/candidates/{ada.id}/submissions/{sub_ids[0]}").get_data(
        as_text=True
    )
    assert 'class="hl"' in detail and "secret/01" in detail and " ms" in detail and "MiB" in detail
    board_html = c.get("/review/positions/backend-intern/board").get_data(as_text=True)
    assert "left the test 1× (total 42 s); 1 large paste" in board_html
    report = c.get(f"/review/positions/backend-intern/candidates/{ada.id}/report").get_data(as_text=True)
    assert "Ada Lovelace" in report and "73.00" in report and "Reviewer 1" in report and "flaky data pipeline" in report
    assert 'class="hl"' in report and "secret/04" in report
    assert 'body class="report"' in report
