"""The rows a test's most frequent requests need, read with the signed-in user in one query.

Every candidate's page saves the code and the essay every few seconds and asks for a waiting run's status: each such
request needs its user (the session check), its application with the attempt and position, and the problem, prompt
or submission its URL names. Read one by one, that is four queries, each a round trip to the database (on
PostgreSQL the largest share of these requests' time); here it is one, registered for those endpoints with
web.sessions.read_user_with_rows. The views read the same rows by key (Session.get finds them in the request's
session) and check them exactly as before: a row missing here (another candidate's application, an unknown problem)
is simply not found by this query, and the view reads and refuses it as it always did."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.orm import Load, Session, contains_eager

from ..models import Application, EssayPrompt, Position, Problem, ProblemVersion, Submission, User
from ..web.sessions import read_user_with_rows
from .coding import AUTOSAVE_VERSION_FIELDS

# The columns these requests read of each row (the session check, the views' checks); any other is read when first
# used (one more query), so a column missing here costs time, never correctness.
USER_FIELDS = (
    User.id,
    User.role,
    User.active,
    User.session_generation,
    User.locale,
    User.timezone,
    User.browser_timezone,
)
APPLICATION_FIELDS = (
    Application.id,
    Application.user_id,
    Application.position_id,
    Application.test_released_at,
    Application.extra_seconds,
    Application.withdrawn_at,
)
POSITION_FIELDS = (
    Position.id,
    Position.slug,
    Position.duration_minutes,
    Position.has_coding,
    Position.has_essay,
    Position.languages,
    Position.unlock,
    Position.test_deadline_at,
    Position.timezone,
    Position.retired_at,
)


def _user_and_application(*also: Any) -> Select[Any]:
    """The user, and their application named by the URL with its attempt and position (none: not theirs)."""
    return (
        select(User, Application, *also)
        .select_from(User)
        .outerjoin(Application, and_(Application.id == bindparam("application_id"), Application.user_id == User.id))
        .outerjoin(Application.attempt)
        .outerjoin(Application.position)
        .options(
            Load(User).load_only(*USER_FIELDS),
            Load(Application).load_only(*APPLICATION_FIELDS),
            contains_eager(Application.attempt),
            contains_eager(Application.position).load_only(*POSITION_FIELDS),
        )
        .where(User.id == bindparam("user_id"))
    )


def _with_problem(only_statement_format: bool) -> Select[Any]:
    version = contains_eager(Problem.current_version)
    return (
        _user_and_application(Problem)
        .outerjoin(Problem, Problem.id == bindparam("problem_id"))
        .outerjoin(Problem.current_version)
        .options(
            version.load_only(*AUTOSAVE_VERSION_FIELDS)
            if only_statement_format
            else version.defer(ProblemVersion.statement_md).defer(ProblemVersion.translations)
        )
    )


# Built once: only the values change from one request to the next.
CODE_AUTOSAVE = _with_problem(only_statement_format=True)  # what the autosave's checks read of the version
CODE_RUN = _with_problem(only_statement_format=False)  # a run or a submission: the version but its statements
ESSAY = _user_and_application(EssayPrompt).outerjoin(EssayPrompt, EssayPrompt.id == bindparam("prompt_id"))
# what a status shows (never the code)
SUBMISSION_FIELDS = (
    Submission.id,
    Submission.attempt_id,
    Submission.problem_id,
    Submission.problem_version_id,
    Submission.language,
    Submission.kind,
    Submission.status,
    Submission.progress_done,
    Submission.progress_total,
    Submission.verdict,
    Submission.score,
    Submission.tests_passed,
    Submission.tests_total,
    Submission.compile_output,
    Submission.custom_input,
    Submission.created_at,
    Submission.queue_class,
    Submission.queue_round,
)
SUBMISSION = (
    _user_and_application(Submission)
    .outerjoin(Submission, Submission.id == bindparam("submission_id"))
    .options(Load(Submission).load_only(*SUBMISSION_FIELDS))
)


def _reader(statement: Select[Any], *keys: str):
    def read(db: Session, user_id: int, view_args: dict[str, Any]) -> tuple[Any, ...] | None:
        return db.execute(statement, {"user_id": user_id, **{key: view_args.get(key) for key in keys}}).first()

    return read


read_user_with_rows("candidate.test_run", "candidate.test_submit")(_reader(CODE_RUN, "application_id", "problem_id"))
# A status poll only reads, and an autosave's writes stand alone (its UPDATE; a code draft's history row in the same
# statement, or where the database cannot, in a transaction autosave.save_draft opens for them): their statements
# need no transaction around them (db.autocommit). A run or a submission writes several rows: it keeps its own.
read_user_with_rows("candidate.test_code_draft", autocommit=True)(
    _reader(CODE_AUTOSAVE, "application_id", "problem_id")
)
read_user_with_rows("candidate.test_essay_draft", autocommit=True)(_reader(ESSAY, "application_id", "prompt_id"))
read_user_with_rows("candidate.test_submission", autocommit=True)(
    _reader(SUBMISSION, "application_id", "submission_id")
)
