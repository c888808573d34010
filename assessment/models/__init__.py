"""All models, importable from one place: `from assessment.models import User, Position, ...`."""

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
from .judging import Submission, TestResult
from .review import CriterionGrade, Decision, EssayReview
from .users import ApiToken, ReviewerAssignment, User

__all__ = [name for name in dir() if not name.startswith("_")]
