"""Code playback: the autosave history of a candidate's code for one problem, as the JSON the submission page's player
(static/js/review-playback.js) replays. Who may replay it is decided by assessment.selection.access (administrators;
reviewers once their grading of the position is closed) and enforced here; the history comes from
assessment.attempts.code_history."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, url_for
from flask_babel import gettext as _

from ..attempts import code_history
from ..attempts.submissions import language_info
from ..extensions import session
from ..models import Application, Submission
from ..web.roles import staff_required
from .access import application_or_404, may_replay_code, replay_position_or_403
from .blueprint import bp


def _iso(value) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def playback_page_data(position, application: Application, submission: Submission) -> dict[str, Any] | None:
    """What the submission page gives its player (URL and the words it shows), or None when the viewer may not
    replay this candidate's code."""
    if not may_replay_code(position):
        return None
    return {
        "url": url_for(
            "review.playback",
            slug=position.slug,
            application_id=application.id,
            submission_id=submission.id,
        ),
        "language": submission.language,
        "text": {
            "play": _("Play"),
            "pause": _("Pause"),
            "save": _("Save %(number)s of %(total)s", number="{number}", total="{total}"),
            "into": _("%(time)s into the test", time="{time}"),
            "size": _("%(count)s characters", count="{count}"),
            "pasted": _("large paste of %(count)s characters", count="{count}"),
            "changed_line": _("changed at line %(line)s", line="{line}"),
            "go_paste": _("Paste of %(count)s characters at %(time)s", count="{count}", time="{time}"),
            "submitted": _(
                "Submission #%(id)s at %(time)s: %(verdict)s", id="{id}", time="{time}", verdict="{verdict}"
            ),
            "no_history": _("No autosaved draft of this problem was kept for this candidate."),
            "gaps": _("%(count)s saves could not be replayed.", count="{count}"),
            "error": _("The code history could not be loaded."),
            "saves": _("%(language)s · %(count)s saves", language="{language}", count="{count}"),
        },
    }


@bp.route("/positions/<slug>/candidates/<int:application_id>/submissions/<int:submission_id>/playback.json")
@staff_required
def playback(slug: str, application_id: int, submission_id: int):
    position = replay_position_or_403(slug)
    application = application_or_404(position, application_id)
    attempt = application.attempt
    sub = session().get(Submission, submission_id)
    if sub is None or attempt is None or sub.attempt_id != attempt.id:
        abort(404)
    db = session()
    histories = code_history.draft_histories(db, attempt.id, sub.problem_id, attempt.started_at)
    marks = code_history.submission_marks(db, attempt.id, sub.problem_id, attempt.started_at)
    return jsonify(
        {
            "started_at": _iso(attempt.started_at),
            "finished_at": _iso(attempt.finished_at),
            "language": sub.language,
            "drafts": [
                {
                    "language": h.language,
                    "name": language_info(h.language)["name"],
                    "saves": h.saves,
                    "gaps": h.gaps,
                    "frames": [f.as_json() for f in h.frames],
                }
                for h in histories
            ],
            "submissions": [
                {"id": m.submission_id, "t": m.ms, "language": m.language, "verdict": m.verdict, "score": m.score}
                for m in marks
            ],
        }
    )
