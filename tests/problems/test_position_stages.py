"""position.yaml keys of the stages around the test: the position's time zone (datetimes without a zone are in it),
the apply-by date, and the interview stage (criteria, scale, notice, reschedules)."""

from __future__ import annotations

from datetime import datetime

from assessment.problems import load_tree
from tests.problems.builders import POSITION, position_tree

INTERVIEW = """\
interview:
  duration_minutes: 30
  notice_hours: 48
  scale: 4
  criteria:
    - {name: Problem solving, description: Breaks a problem down.}
    - Communication
"""


def load(tmp_path, text: str):
    position_tree(tmp_path, position=text)
    tree = load_tree(tmp_path)
    return tree, "\n".join(i.message for i in tree.errors)


def test_timezone_apply_by_and_interview(tmp_path):
    text = POSITION.replace(
        "application_window:\n  opens: 2026-01-01T09:00:00Z\n  closes: 2026-02-01T09:00:00+01:00\n",
        "timezone: Asia/Tokyo\napply_by: 2026-02-01T23:59:00\n",
    )
    tree, errors = load(tmp_path, text + INTERVIEW)
    assert errors == ""
    cfg = tree.positions[0].config
    assert cfg.timezone == "Asia/Tokyo"
    assert cfg.closes_at == datetime(2026, 2, 1, 14, 59)  # 23:59 in Tokyo
    assert cfg.test_deadline == datetime(2026, 2, 15, 9, 0)  # "18:00" without a zone is Tokyo time too
    assert cfg.interview == {
        "duration_minutes": 30,
        "notice_hours": 48,
        "max_reschedules": 2,
        "scale": 4,
        "criteria": [
            {"name": "Problem solving", "description": "Breaks a problem down."},
            {"name": "Communication", "description": ""},
        ],
    }


def test_the_new_keys_are_checked(tmp_path):
    text = POSITION + "timezone: Mars/Olympus\napply_by: 2026-03-01T00:00:00Z\n"
    text += "interview:\n  scale: 1\n  criteria: []\n  length: 30\n"
    tree, errors = load(tmp_path, text)
    assert tree.positions == []
    assert "`timezone` must be an IANA time zone name" in errors
    assert "`apply_by` and `application_window.closes` are the same date" in errors
    assert "`interview.scale` must be between 2 and 10" in errors
    assert "`interview.criteria` must list what interviewers rate" in errors
    assert "unknown key `length` in interview" in errors


def test_a_time_that_does_not_exist_in_the_positions_zone_is_refused(tmp_path):
    text = POSITION.replace('test_deadline: "2026-02-15T18:00:00"', 'test_deadline: "2026-03-29T02:30:00"')
    tree, errors = load(tmp_path, text + "timezone: Europe/Copenhagen\n")
    assert "does not exist in Europe/Copenhagen" in errors and "+02:00" in errors
