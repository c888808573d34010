"""All models, importable from one place: `from assessment.models import User, Position, ...`."""

from ..enums import (
    ACTIVE_STATUSES,
    SCORED_KINDS,
    STAFF_ROLES,
    ApplicationStage,
    DecisionKind,
    IntegrityKind,
    ReviewRole,
    Role,
    SubmissionKind,
    SubmissionStatus,
    Unlock,
    Verdict,
)
from ._common import EnumText, utcnow
from .audit import AuditEntry, audit
from .candidates import Application, Attempt, CodeDraft, EssayAnswer, IntegrityEvent, Invitation
from .content import (
    EssayPrompt,
    EssayPromptVersion,
    Position,
    Problem,
    ProblemVersion,
    RubricCriterion,
    RubricLevel,
)
from .judging import Submission, TestResult
from .review import CriterionGrade, Decision, EssayReview
from .users import ApiToken, ReviewerAssignment, User

__all__ = [
    "ACTIVE_STATUSES",
    "SCORED_KINDS",
    "STAFF_ROLES",
    "ApiToken",
    "Application",
    "ApplicationStage",
    "Attempt",
    "AuditEntry",
    "CodeDraft",
    "CriterionGrade",
    "Decision",
    "DecisionKind",
    "EnumText",
    "EssayAnswer",
    "EssayPrompt",
    "EssayPromptVersion",
    "EssayReview",
    "IntegrityEvent",
    "IntegrityKind",
    "Invitation",
    "Position",
    "Problem",
    "ProblemVersion",
    "ReviewRole",
    "ReviewerAssignment",
    "Role",
    "RubricCriterion",
    "RubricLevel",
    "Submission",
    "SubmissionKind",
    "SubmissionStatus",
    "TestResult",
    "Unlock",
    "User",
    "Verdict",
    "audit",
    "utcnow",
]
