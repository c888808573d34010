"""A position's weights: one source for every view.

position.yaml's `weights` are the default (loaded by `assessment sync` into `Position.weight_coding/weight_essay`).
An administrator may save other weights on the board after trying them with its sliders; they are kept beside the
default (`Position.weights_override`) and override it until reset, and a sync never touches them. Saving and
resetting are audited with the weights before and after. Everything that weighs scores (the board, its CSV and JSON,
the API, candidate pages and reports) takes them from `effective`, and says where they come from (`WeightSource`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import WeightSource
from ..models import AuditEntry, Position, audit, utcnow

PARTS = ("coding", "essay")
SAVE_ACTION = "position.weights_saved"
RESET_ACTION = "position.weights_reset"


class WeightsError(ValueError):
    """Weights that cannot be saved; the message says why."""


@dataclass(frozen=True)
class Weights:
    coding: float
    essay: float
    source: WeightSource

    def as_dict(self) -> dict[str, float]:
        return {"coding": self.coding, "essay": self.essay}

    def percent(self, part: str) -> float:
        return round(getattr(self, part) * 100.0, 2)


def parts(position: Position) -> list[str]:
    """The scored parts of the position, in order."""
    return [part for part in PARTS if getattr(position, f"has_{part}")]


def defaults(position: Position) -> Weights:
    """position.yaml's weights."""
    return Weights(
        float(position.weight_coding or 0.0), float(position.weight_essay or 0.0), WeightSource.POSITION_YAML
    )


def _valid_override(position: Position) -> dict[str, float] | None:
    saved = position.weights_override
    if not isinstance(saved, dict) or set(saved) != set(parts(position)):
        return None  # the position's parts changed since: position.yaml's weights apply again
    return {key: float(value) for key, value in saved.items()}


def effective(position: Position) -> Weights:
    """The weights every view uses: a saved override, else position.yaml's."""
    saved = _valid_override(position)
    if saved is None:
        return defaults(position)
    return Weights(saved.get("coding", 0.0), saved.get("essay", 0.0), WeightSource.SAVED)


def override_is_stale(position: Position) -> bool:
    """Weights were saved, but for parts the position no longer has (they are ignored)."""
    return position.weights_override is not None and _valid_override(position) is None


def normalise(values: dict[str, Any], position: Position) -> dict[str, float]:
    """Weights for the position's parts from a form (percentages 0..100 or shares 0..1), summing to 1."""
    wanted = parts(position)
    if not wanted:
        raise WeightsError(gettext("This position has no scored part to weigh."))
    numbers: dict[str, float] = {}
    for part in wanted:
        raw = values.get(part)
        try:
            number = float(str(raw).replace("%", "").strip())
        except (TypeError, ValueError):
            raise WeightsError(gettext("Give the %(part)s weight as a number between 0 and 100.", part=part)) from None
        if not 0 <= number <= 100:
            raise WeightsError(
                gettext(
                    "The %(part)s weight must be between 0 and 100, found %(number)s.", part=part, number=f"{number:g}"
                )
            )
        numbers[part] = number
    total = sum(numbers.values())
    if total <= 0:
        raise WeightsError(gettext("At least one weight must be above zero."))
    return {part: round(number / total, 6) for part, number in numbers.items()}


def save(db: Session, position: Position, values: dict[str, Any], actor: Any, reason: str = "") -> Weights:
    """Save weights that override position.yaml's, audited with the previous weights. Commits."""
    previous = effective(position)
    new = normalise(values, position)
    position.weights_override = new
    position.weights_saved_at = utcnow()
    audit(
        db,
        SAVE_ACTION,
        actor=actor,
        target=position,
        previous=previous.as_dict(),
        previous_source=previous.source,
        weights=new,
        position_yaml=defaults(position).as_dict(),
        reason=" ".join((reason or "").split())[:2000],
    )
    db.commit()
    return effective(position)


def reset(db: Session, position: Position, actor: Any) -> Weights:
    """Back to position.yaml's weights, audited with the saved ones. Commits."""
    previous = effective(position)
    if position.weights_override is not None:
        position.weights_override = None
        position.weights_saved_at = None
        audit(
            db,
            RESET_ACTION,
            actor=actor,
            target=position,
            previous=previous.as_dict(),
            weights=defaults(position).as_dict(),
        )
        db.commit()
    return effective(position)


def changes(db: Session, position: Position) -> list[AuditEntry]:
    """Every save and reset of the position's weights, newest first (who, when, before and after)."""
    return list(
        db.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.action.in_((SAVE_ACTION, RESET_ACTION)),
                AuditEntry.target_type == "Position",
                AuditEntry.target_id == position.id,
            )
            .order_by(AuditEntry.id.desc())
        )
    )
