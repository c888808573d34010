"""The grading queue offers "Grade the next essay" only when an essay waits for the reviewer, "Continue" when one is
handed to them and not submitted yet, and otherwise says that none is waiting."""

from __future__ import annotations

from tests.review import factories as f


def test_grade_the_next_essay_is_offered_only_when_one_is_waiting(app, s, new_client):
    pos = f.position(s, "backend-intern", reviews_per_essay=1)
    grader = f.user(s, "rosa@example.org", "reviewer", "Rosa")
    f.assign(s, grader, pos)
    url = "/review/positions/backend-intern/queue"
    rosa = new_client("rosa@example.org")

    page = rosa.get(url).get_data(as_text=True)
    assert 'id="grade-next"' not in page and 'id="none-waiting"' in page  # no essay yet

    f.answer(s, f.candidate(s, pos, "ana@example.com", "Ana"))
    page = rosa.get(url).get_data(as_text=True)
    assert 'id="waiting">1<' in page and "Grade the next essay" in page

    handed = rosa.get(f"{url}/next")
    assert "/review/grade/" in handed.headers["Location"]
    page = rosa.get(url).get_data(as_text=True)
    assert 'id="waiting">0<' in page and "Continue the essay you are grading" in page  # the reservation
    assert rosa.get(f"{url}/next").headers["Location"] == handed.headers["Location"]

    f.review(
        s, f.answer(s, f.candidate(s, pos, "bo@example.com", "Bo")), f.user(s, "x@example.org", "reviewer"), [4, 3, 3]
    )
    from assessment.models import EssayReview

    mine = s.query(EssayReview).filter_by(reviewer_id=grader.id).one()
    s.delete(mine)  # the reservation lapses
    s.commit()
    page = rosa.get(url).get_data(as_text=True)
    assert 'id="waiting">1<' in page and "Grade the next essay" in page  # Ana's essay waits again; Bo's is graded
