"""The platform's vocabularies, one StrEnum each. Rows store the string values (so stored data never needed a
migration); `EnumText` columns turn them back into members on load and refuse unknown values on write, and
`assessment db check` (also run after every migration) names any stored value that is not a member.

Adding a value is a change in one place: the member here, with its labels. Everything else (forms, templates, the
board, emails, validation) iterates over these enums. Verdicts come from the sandbox (`sandbox.spec.Verdict`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sandbox.spec import Verdict

__all__ = [
    "ApplicationStage",
    "DecisionKind",
    "IntegrityKind",
    "ReviewPermission",
    "ReviewRole",
    "Role",
    "ScoringRule",
    "SubmissionKind",
    "SubmissionStatus",
    "TokenScope",
    "TokenState",
    "Unlock",
    "Verdict",
]


class _Labelled(StrEnum):
    """A StrEnum whose members carry a human label: `MEMBER = "value", "Label"`."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member


class Role(_Labelled):
    ADMIN = "admin", "Administrator"
    REVIEWER = "reviewer", "Reviewer"
    CANDIDATE = "candidate", "Candidate"

    @property
    def is_staff(self) -> bool:
        return self in (Role.ADMIN, Role.REVIEWER)


STAFF_ROLES = (Role.ADMIN, Role.REVIEWER)


class SubmissionKind(_Labelled):
    SUBMIT = "submit", "Submission"
    AUTO = "auto", "Submitted automatically at the deadline"
    SAMPLES = "samples", "Run on the samples"
    CUSTOM = "custom", "Run on custom input"

    @property
    def scored(self) -> bool:
        """Graded on every secret test and counted in the candidate's score."""
        return self in SCORED_KINDS

    @property
    def shows_output(self) -> bool:
        """The program's output is kept and shown to the candidate (samples and custom runs only)."""
        return self in (SubmissionKind.SAMPLES, SubmissionKind.CUSTOM)

    @property
    def queue_class(self) -> int:
        """Which judges take first when they are behind (lower first): runs on samples or custom input (a candidate
        is waiting at the editor, and they are quick), then submissions, then the automatic ones made at the
        deadline. Stored with each submission (`Submission.queue_class`) so the queue order is one index."""
        return QUEUE_CLASSES[self]


SCORED_KINDS = (SubmissionKind.SUBMIT, SubmissionKind.AUTO)
QUEUE_CLASSES = {SubmissionKind.SAMPLES: 0, SubmissionKind.CUSTOM: 0, SubmissionKind.SUBMIT: 1, SubmissionKind.AUTO: 2}
QUEUE_CLASS_NAMES = {0: "runs", 1: "submissions", 2: "auto"}  # as monitoring labels them


class SubmissionStatus(_Labelled):
    QUEUED = "queued", "Waiting for the judge"
    COMPILING = "compiling", "Compiling"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"


ACTIVE_STATUSES = (SubmissionStatus.COMPILING, SubmissionStatus.RUNNING)


class DecisionKind(_Labelled):
    """A selection decision. `candidate_text` is what the candidate's dashboard says once decisions are released;
    `email` is the (template, subject) sent on release, None for a decision that sends nothing."""

    candidate_text: str
    email: tuple[str, str] | None

    def __new__(
        cls, value: str, label: str = "", candidate_text: str = "", email: tuple[str, str] | None = None
    ) -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        member.candidate_text = candidate_text
        member.email = email
        return member

    SHORTLIST = (
        "shortlist",
        "Shortlist",
        "Good news: you are shortlisted. We will contact you by email about the next step.",
        ("decision_shortlist", "Your application for {title}: invitation to the interview stage"),
    )
    HOLD = "hold", "Hold", "Your application is on hold. We will email you when there is news.", None
    REJECT = (
        "reject",
        "Reject",
        "Thank you for your time. We will not be moving forward with your application this time.",
        ("decision_reject", "Your application for {title}"),
    )


class ReviewRole(_Labelled):
    GRADER = "grader", "Grader"
    ADJUDICATOR = "adjudicator", "Adjudicator"


class ReviewPermission(_Labelled):
    """What a reviewer may do in a position they are assigned to, set per assignment by an administrator: grading
    essays (blind) and deciding (shortlist / hold / reject, seeing who the candidates are) are separate. `column` is the
    assignment's flag (`ReviewerAssignment.can_grade`, `.can_decide`); `verb` is how a sentence says it."""

    column: str
    verb: str

    def __new__(cls, value: str, label: str = "", verb: str = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        member.column = f"can_{value}"
        member.verb = verb or value
        return member

    GRADE = "grade", "Grades essays", "grades essays"
    DECIDE = "decide", "Decides", "decides"


class ScoringRule(_Labelled):
    """Which of a candidate's submissions to a problem counts: the one setting (position.yaml `scoring:`) that every
    page, the CSV and the API derive their words and numbers from (assessment.selection.scoring)."""

    BEST = "best", "Best submission counts"
    LAST = "last", "Last submission counts"


class TokenScope(_Labelled):
    """What an API token may do. `admin` includes every other scope."""

    BOARD_READ = "board:read", "Read selection boards"
    METRICS_READ = "metrics:read", "Read the Prometheus metrics (/metrics)"
    ADMIN = "admin", "Everything, including the health details"


class TokenState(_Labelled):
    """Where an API token stands (derived from its revocation and expiry, not stored)."""

    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class IntegrityKind(_Labelled):
    """Signals recorded in the browser during the test: context for a human, never a penalty on their own. Only leaving
    the test counts (each time with how long the candidate was away), and large pastes (by length only)."""

    HIDDEN = "hidden", "Switched to another tab or application"
    BLUR = "blur", "Another window in front of the test"
    LEFT = "left", "Opened another page in the test's tab"
    PASTE = "paste", "Pasted a large text"

    @property
    def away(self) -> bool:
        """A period away from the test (it carries a duration); a paste is a moment."""
        return self in AWAY_KINDS


AWAY_KINDS = (IntegrityKind.HIDDEN, IntegrityKind.BLUR, IntegrityKind.LEFT)


class ApplicationStage(_Labelled):
    """Where an application stands, in order, as the candidate's dashboard shows it."""

    APPLIED = "applied", "Applied: waiting for screening"
    TEST_AVAILABLE = "test_available", "Test available"
    IN_TEST = "in_test", "Test in progress"
    TEST_DONE = "test_done", "Test done"
    UNDER_REVIEW = "under_review", "Under review"
    DECISION = "decision", "Decision"


class Unlock(_Labelled):
    """When a position's test becomes available to an applicant."""

    ON_APPLY = "on_apply", "As soon as they apply"
    ON_RELEASE = "on_release", "When an administrator releases it"
