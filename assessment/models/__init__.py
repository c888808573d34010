"""All models, importable from one place: `from assessment.models import User, Position, ...`."""
from ._common import utcnow
from .audit import AuditEntry, audit
from .candidates import STAGES, Application, Attempt, CodeDraft, EssayAnswer, IntegrityEvent, Invitation
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
from .users import ROLES, ApiToken, ReviewerAssignment, User

__all__ = [name for name in dir() if not name.startswith("_")]
