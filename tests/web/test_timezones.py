"""Times are stored in UTC and shown in the reader's zone: the one they chose, else their browser's (the `tz` cookie),
else UTC; deadlines also show the position's zone; emails name the zone; the apply-by date is shown and enforced."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from assessment import timezones
from assessment.models import User, utcnow
from tests.candidate.account_helpers import application_form, mails_to, make_position, post_form

# 2026-10-31 23:59 in Tokyo (UTC+9, no summer time) is 14:59 UTC, 11:59 in São Paulo (UTC-3).
DEADLINE_UTC = datetime(2026, 10, 31, 14, 59)


def test_conversions_name_the_zone_and_refuse_times_that_do_not_exist():
    assert timezones.format_local(DEADLINE_UTC, "Asia/Tokyo", "en") == "Oct 31, 2026, 23:59 Asia/Tokyo"
    assert timezones.format_local(DEADLINE_UTC, "America/Sao_Paulo", "en") == "Oct 31, 2026, 11:59 America/Sao_Paulo"
    assert timezones.format_local(DEADLINE_UTC, "Asia/Tokyo", "ja").startswith("2026年10月31日")
    assert timezones.format_local(DEADLINE_UTC, "Etc/UTC", "en").endswith("14:59 UTC")  # an alias of UTC is UTC
    assert timezones.format_local(DEADLINE_UTC, "Nowhere/Else", "en").endswith(" UTC")
    assert timezones.to_utc(datetime(2026, 10, 31, 23, 59), "Asia/Tokyo") == DEADLINE_UTC
    # Copenhagen skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25 (the first one counts).
    with pytest.raises(ValueError, match="does not exist"):
        timezones.to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Copenhagen")
    assert timezones.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Copenhagen") == datetime(2026, 10, 25, 0, 30)
    assert timezones.offset_text(DEADLINE_UTC, "Asia/Kolkata") == "GMT+5:30"


def test_pages_follow_the_browser_then_the_persons_choice(app, client, make_user, login):
    make_position(app, "backend", closes=DEADLINE_UTC, deadline=DEADLINE_UTC + timedelta(days=7))
    with app.extensions["assessment.db"].new_session() as s:
        from assessment.models import Position

        s.scalar(select(Position)).timezone = "Asia/Tokyo"
        s.commit()
    page = client.get("/positions/backend").get_data(as_text=True)
    assert "Oct 31, 2026, 14:59 UTC" in page
    assert "23:59 Asia/Tokyo, the position&#39;s time zone" in page  # the position's zone beside the reader's
    client.set_cookie("tz", "America/Sao_Paulo")
    page = client.get("/positions/backend").get_data(as_text=True)
    assert "Oct 31, 2026, 11:59 America/Sao_Paulo" in page and 'data-tz="America/Sao_Paulo"' in page
    client.set_cookie("tz", "Not/AZone")
    assert 'data-tz="UTC"' in client.get("/positions/backend").get_data(as_text=True)

    make_user("cand@example.com")
    c = login("cand@example.com")
    c.set_cookie("tz", "America/Sao_Paulo")
    c.get("/me")
    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalar(select(User).where(User.email == "cand@example.com")).browser_timezone == "America/Sao_Paulo"
    assert post_form(c, "/account/time-zone", {"timezone": "Asia/Seoul"}).status_code == 302
    page = c.get("/positions/backend").get_data(as_text=True)
    assert "Oct 31, 2026, 23:59 Asia/Seoul" in page and 'data-tz-source="chosen"' in page
    assert post_form(c, "/account/time-zone", {"timezone": "Mars/Olympus"}).status_code == 400
    assert post_form(c, "/account/time-zone", {"timezone": ""}).status_code == 302  # back to the browser's
    assert "11:59 America/Sao_Paulo" in c.get("/positions/backend").get_data(as_text=True)


def test_emails_state_the_zone_of_their_reader_and_of_the_position(app, make_user, login, settings):
    make_position(app, "backend", deadline=DEADLINE_UTC + timedelta(days=1))
    with app.extensions["assessment.db"].new_session() as s:
        from assessment.models import Position

        s.scalar(select(Position)).timezone = "Asia/Tokyo"
        s.commit()
    make_user("cand@example.com")
    c = login("cand@example.com")
    c.set_cookie("tz", "America/Sao_Paulo")
    post_form(c, "/positions/backend/apply", application_form(), content_type="multipart/form-data")
    [mail] = [m for m in mails_to(settings, "cand@example.com") if "available" in m["subject"]]
    assert "November 1, 2026, 11:59 America/Sao_Paulo" in mail["body"]
    assert "November 1, 2026, 23:59 Asia/Tokyo, the position's time zone" in mail["body"]


def test_the_apply_by_date_is_shown_and_enforced(app, client, make_user, login):
    now = utcnow()
    make_position(app, "backend", opens=now - timedelta(days=10), closes=now - timedelta(minutes=1))
    page = client.get("/positions/backend").get_data(as_text=True)
    assert 'id="apply-by"' in page and "Applications for this position are closed" in page
    assert "Apply by" in client.get("/").get_data(as_text=True)
    make_user("late@example.com")
    c = login("late@example.com")
    response = post_form(c, "/positions/backend/apply", application_form(), content_type="multipart/form-data")
    assert response.status_code == 403 and "(the apply-by date)" in response.get_data(as_text=True)
