"""The platform's vocabularies, one StrEnum each. Rows store the string values (so stored data never needed a
migration); `EnumText` columns turn them back into members on load and refuse unknown values on write, and
`assessment db check` (also run after every migration) names any stored value that is not a member.

Adding a value is a change in one place: the member here, with its labels. Everything else (forms, templates, the
board, emails, validation) iterates over these enums. Verdicts come from the sandbox (`sandbox.spec.Verdict`).

Labels are marked for translation (`_l`, Flask-Babel's lazy_gettext): a label is text in the reader's language
wherever it is shown, while the stored values stay the same in every language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l

from sandbox.spec import Verdict

__all__ = [
    "ApplicationStage",
    "DecisionKind",
    "DecisionStage",
    "EducationLevel",
    "FigureReading",
    "IntegrityKind",
    "InterviewRecommendation",
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
    "WeightSource",
]


class _Labelled(StrEnum):
    """A StrEnum whose members carry a human label: `MEMBER = "value", "Label"`."""

    label: Any  # a lazy string: text in the reader's language when shown

    def __new__(cls, value: str, label: Any = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member


class Role(_Labelled):
    ADMIN = "admin", _l("Administrator")
    REVIEWER = "reviewer", _l("Reviewer")
    CANDIDATE = "candidate", _l("Candidate")

    @property
    def is_staff(self) -> bool:
        return self in (Role.ADMIN, Role.REVIEWER)


STAFF_ROLES = (Role.ADMIN, Role.REVIEWER)


class SubmissionKind(_Labelled):
    SUBMIT = "submit", _l("Submission")
    AUTO = "auto", _l("Submitted automatically at the deadline")
    SAMPLES = "samples", _l("Run on the samples")
    CUSTOM = "custom", _l("Run on custom input")

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
    QUEUED = "queued", _l("Waiting for the judge")
    COMPILING = "compiling", _l("Compiling")
    RUNNING = "running", _l("Running")
    DONE = "done", _l("Finished")


ACTIVE_STATUSES = (SubmissionStatus.COMPILING, SubmissionStatus.RUNNING)


class DecisionStage(_Labelled):
    """The points of the selection at which a candidate is decided on, in the order they happen. Every decision
    belongs to one stage; each stage's decisions reach candidates only when an administrator releases that stage
    (assessment.selection.decisions), except an advance at screening, which releases the test at once."""

    SCREENING = "screening", _l("CV screening")
    TEST = "test", _l("After the test")
    INTERVIEW = "interview", _l("After the interviews")


class DecisionKind(_Labelled):
    """A selection decision. `stages` are the stages it may be taken at; `candidate_text` is what the candidate's
    dashboard says once it is released; `email` is the (template, subject) sent on release, None for a decision that
    sends nothing on release, the subject naming the position as `%(title)s`; `final` decisions end the application
    (nothing follows them)."""

    candidate_text: str
    email: tuple[str, Any] | None
    stages: tuple[DecisionStage, ...]
    final: bool

    def __new__(
        cls,
        value: str,
        label: Any = "",
        candidate_text: Any = "",
        email: tuple[str, Any] | None = None,
        stages: tuple[DecisionStage, ...] = tuple(DecisionStage),
        final: bool = False,
    ) -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        member.candidate_text = candidate_text
        member.email = email
        member.stages = stages
        member.final = final
        return member

    ADVANCE = (
        "advance",
        _l("Advance to the test"),
        _l("Your CV passed screening: your test is available."),
        None,  # advancing releases the test at once, and its email is the notification
        (DecisionStage.SCREENING,),
    )
    SHORTLIST = (
        "shortlist",
        _l("Shortlist"),
        _l("Good news: you are shortlisted. We will contact you by email about the next step."),
        ("decision_shortlist", _l("Your application for %(title)s: invitation to the interview stage")),
        (DecisionStage.TEST,),
    )
    OFFER = (
        "offer",
        _l("Offer"),
        _l("Congratulations: we would like to offer you the position. We will contact you by email with the details."),
        ("decision_offer", _l("Your application for %(title)s: an offer")),
        (DecisionStage.INTERVIEW,),
        True,
    )
    HOLD = "hold", _l("Hold"), _l("Your application is on hold. We will email you when there is news."), None
    REJECT = (
        "reject",
        _l("Reject"),
        _l("Thank you for your time. We will not be moving forward with your application this time."),
        ("decision_reject", _l("Your application for %(title)s")),
        tuple(DecisionStage),
        True,
    )

    @classmethod
    def at(cls, stage: DecisionStage) -> list[DecisionKind]:
        """The decisions that may be taken at `stage`, in this enum's order."""
        return [kind for kind in cls if stage in kind.stages]


class InterviewRecommendation(_Labelled):
    """An interviewer's overall recommendation on a scorecard (beside the criterion ratings, which make the score)."""

    STRONG_NO = "strong_no", _l("Strong no")
    NO = "no", _l("No")
    YES = "yes", _l("Yes")
    STRONG_YES = "strong_yes", _l("Strong yes")


class ReviewRole(_Labelled):
    GRADER = "grader", _l("Grader")
    ADJUDICATOR = "adjudicator", _l("Adjudicator")


class ReviewPermission(_Labelled):
    """What a reviewer may do in a position they are assigned to, set per assignment by an administrator: grading
    essays (blind), deciding (shortlist / hold / reject, seeing who the candidates are), screening CVs (advance, hold,
    reject at the CV stage, seeing the CV) and interviewing (publishing availability and filling scorecards) are
    separate. A grader does none of the others while their grading of the position is open
    (assessment.selection.access). `column` is the assignment's flag (`ReviewerAssignment.can_grade`, ...); `verb` is
    how a sentence says it."""

    column: str
    verb: Any

    def __new__(cls, value: str, label: Any = "", verb: Any = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        member.column = f"can_{value}"
        member.verb = verb or value
        return member

    GRADE = "grade", _l("Grades essays"), _l("grades essays")
    DECIDE = "decide", _l("Decides"), _l("decides")
    SCREEN = "screen", _l("Screens CVs"), _l("screens CVs")
    INTERVIEW = "interview", _l("Interviews"), _l("interviews")


class ScoringRule(_Labelled):
    """Which of a candidate's submissions to a problem counts: the one setting (position.yaml `scoring:`) that every
    page, the CSV and the API derive their words and numbers from (assessment.selection.scoring)."""

    BEST = "best", _l("Best submission counts")
    LAST = "last", _l("Last submission counts")


class TokenScope(_Labelled):
    """What an API token may do. `admin` includes every other scope."""

    BOARD_READ = "board:read", _l("Read selection boards")
    METRICS_READ = "metrics:read", _l("Read the Prometheus metrics (/metrics)")
    ADMIN = "admin", _l("Everything, including the health details")


class TokenState(_Labelled):
    """Where an API token stands (derived from its revocation and expiry, not stored)."""

    ACTIVE = "active", _l("Active")
    EXPIRED = "expired", _l("Expired")
    REVOKED = "revoked", _l("Revoked")


class IntegrityKind(_Labelled):
    """Signals recorded in the browser during the test: context for a human, never a penalty on their own. Only leaving
    the test counts (each time with how long the candidate was away), and large pastes (by length only)."""

    HIDDEN = "hidden", _l("Switched to another tab or application")
    BLUR = "blur", _l("Another window in front of the test")
    LEFT = "left", _l("Opened another page in the test's tab")
    PASTE = "paste", _l("Pasted a large text")

    @property
    def away(self) -> bool:
        """A period away from the test (it carries a duration); a paste is a moment."""
        return self in AWAY_KINDS


AWAY_KINDS = (IntegrityKind.HIDDEN, IntegrityKind.BLUR, IntegrityKind.LEFT)


class ApplicationStage(_Labelled):
    """Where an application stands, in order, as the candidate's dashboard shows it."""

    APPLIED = "applied", _l("Applied: waiting for screening")
    TEST_AVAILABLE = "test_available", _l("Test available")
    IN_TEST = "in_test", _l("Test in progress")
    TEST_DONE = "test_done", _l("Test done")
    UNDER_REVIEW = "under_review", _l("Under review")
    INTERVIEW = "interview", _l("Interview stage")
    DECISION = "decision", _l("Decision")
    WITHDRAWN = "withdrawn", _l("Withdrawn")


class Unlock(_Labelled):
    """How an application passes CV screening, and so when the test becomes available (position.yaml `unlock`):
    advanced automatically when they apply, or after a screener (or an administrator) advances it."""

    ON_APPLY = "on_apply", _l("As soon as they apply")
    ON_RELEASE = "on_release", _l("When an administrator releases it")

    @property
    def screened(self) -> bool:
        """Applications wait for a person to screen them (advance, hold or reject)."""
        return self == Unlock.ON_RELEASE


class WeightSource(_Labelled):
    """Where a position's effective weights come from (assessment.selection.weights): position.yaml gives the
    default; an administrator may save other weights on the board, which then override it until reset."""

    POSITION_YAML = "position.yaml", _l("position.yaml")
    SAVED = "saved", _l("saved on the board (overrides position.yaml)")


class FigureReading(_Labelled):
    """How the statistics page reads a figure, by the thresholds the literature gives (assessment.selection.stats):
    the intraclass correlation (Koo & Li 2016: poor, moderate, good, excellent), Krippendorff's alpha (Krippendorff
    2004: unreliable, tentative, reliable) and item discrimination (negative, poor, fair, good). Pages show the label
    through the translation catalog."""

    NEGATIVE = "negative", "negative"
    POOR = "poor", "poor"
    FAIR = "fair", "fair"
    MODERATE = "moderate", "moderate"
    GOOD = "good", "good"
    EXCELLENT = "excellent", "excellent"
    UNRELIABLE = "unreliable", "unreliable"
    TENTATIVE = "tentative", "tentative"
    RELIABLE = "reliable", "reliable"


class EducationLevel(_Labelled):
    """The highest education level a candidate gives when applying."""

    BACHELOR = "bachelor", _l("Bachelor's degree")
    MASTER = "master", _l("Master's degree")
    PHD = "phd", _l("PhD")
    OTHER = "other", _l("Other")
