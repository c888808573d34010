"""Configuration from environment variables, with safe defaults for the embedded single-machine setup."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _load_secret_key(instance: Path) -> str:
    """Use ASSESSMENT_SECRET_KEY, else a random key persisted in the instance folder (mode 0600)."""
    key = os.environ.get("ASSESSMENT_SECRET_KEY")
    if key:
        return key
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


@dataclass
class Settings:
    instance_path: Path
    database_url: str
    secret_key: str
    problems_dir: Path
    cv_dir: Path
    outbox_dir: Path
    snapshot_dir: Path
    judge_workers: int = 2
    judge_backend: str = "threads"  # "threads" (embedded) or "celery" (scale-out)
    broker_url: str | None = None
    smtp_url: str | None = None
    mail_from: str = "Assessment <no-reply@localhost>"
    base_url: str = "http://127.0.0.1:5000"
    cv_max_bytes: int = 5 * 1024 * 1024
    deadline_grace_seconds: int = 5
    rate_limit_storage: str = "memory://"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        instance = Path(os.environ.get("ASSESSMENT_INSTANCE", REPO_ROOT / "instance")).resolve()
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'assessment.sqlite'}"
        settings = cls(
            instance_path=instance,
            database_url=database_url,
            secret_key="",
            problems_dir=Path(os.environ.get("ASSESSMENT_PROBLEMS", REPO_ROOT / "problems")).resolve(),
            cv_dir=Path(os.environ.get("ASSESSMENT_CV_DIR", instance / "cvs")).resolve(),
            outbox_dir=Path(os.environ.get("ASSESSMENT_OUTBOX", instance / "outbox")).resolve(),
            snapshot_dir=Path(os.environ.get("ASSESSMENT_SNAPSHOTS", instance / "snapshots")).resolve(),
            judge_workers=int(os.environ.get("ASSESSMENT_JUDGE_WORKERS", "2")),
            judge_backend=os.environ.get("ASSESSMENT_JUDGE_BACKEND", "threads"),
            broker_url=os.environ.get("ASSESSMENT_BROKER_URL") or os.environ.get("CELERY_BROKER_URL"),
            smtp_url=os.environ.get("ASSESSMENT_SMTP_URL"),
            mail_from=os.environ.get("ASSESSMENT_MAIL_FROM", "Assessment <no-reply@localhost>"),
            base_url=os.environ.get("ASSESSMENT_BASE_URL", "http://127.0.0.1:5000"),
            rate_limit_storage=os.environ.get("ASSESSMENT_RATELIMIT_STORAGE", "memory://"),
        )
        for key, value in overrides.items():
            setattr(settings, key, value)
        if not settings.secret_key:
            settings.secret_key = _load_secret_key(settings.instance_path)
        return settings

    def ensure_dirs(self) -> None:
        for path in (self.instance_path, self.cv_dir, self.outbox_dir, self.snapshot_dir):
            path.mkdir(parents=True, exist_ok=True)
        os.chmod(self.cv_dir, 0o700)
