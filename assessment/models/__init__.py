"""All models, importable from one place: `from assessment.models import User, Position, ...`."""

from ._common import utcnow
from .audit import AuditEntry, audit
from .candidates import (
    INTEGRITY_KINDS,
    STAGES,
    Application,
    Attempt,
    CodeDraft,
    EssayAnswer,
    IntegrityEvent,
    Invitation,
    new_pseudonym,
)
from .content import (
    EssayPrompt,
    EssayPromptVersion,
    Position,
    Problem,
    ProblemVersion,
    RubricCriterion,
    RubricLevel,
)
from .judging import KINDS, STATUSES, VERDICTS, Submission, TestResult
from .review import DECISIONS, CriterionGrade, Decision, EssayReview
from .users import API_SCOPES, ROLES, ApiToken, ReviewerAssignment, User

__all__ = [name for name in dir() if not name.startswith("_")]
