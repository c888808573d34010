"""All models, importable from one place: `from assessment.models import User, Position, ...`."""

from ..enums import (
    ACTIVE_STATUSES,
    SCORED_KINDS,
    STAFF_ROLES,
    ApplicationStage,
    DecisionKind,
    IntegrityKind,
    ReviewPermission,
    ReviewRole,
    Role,
    ScoringRule,
    SubmissionKind,
    SubmissionStatus,
    TokenScope,
    TokenState,
    Unlock,
    Verdict,
)
from ._common import EnumText, utcnow
from .audit import AuditEntry, audit
from .candidates import Application, Attempt, CodeDraft, EssayAnswer, IntegrityEvent, Invitation, new_pseudonym
from .code_history import CodeDraftSave
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
    "CodeDraftSave",
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
    "ReviewPermission",
    "ReviewRole",
    "ReviewerAssignment",
    "Role",
    "RubricCriterion",
    "RubricLevel",
    "ScoringRule",
    "Submission",
    "SubmissionKind",
    "SubmissionStatus",
    "TestResult",
    "TokenScope",
    "TokenState",
    "Unlock",
    "User",
    "Verdict",
    "audit",
    "new_pseudonym",
    "utcnow",
]
