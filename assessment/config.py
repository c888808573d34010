"""Configuration from environment variables, with safe defaults for the embedded single-machine setup."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

MIN_SECRET_KEY_BYTES = 32
ENVIRONMENTS = ("production", "development")
MAKE_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise SystemExit(
            f"{name}={value!r} is not valid: set it to a whole number of at least {minimum}, "
            f"or leave it unset for the default ({default})."
        )
    return number


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
    # "production" (the default) refuses weak secret keys; "development" only warns about them.
    environment: str = "production"
    # Old keys still accepted for signatures during a key rotation (never used to sign anything new).
    secret_key_fallbacks: list[str] = field(default_factory=list)
    remember_days: int = 14  # "keep me signed in": the server ends such a session after this many days
    session_idle_hours: int = 12  # a session without "keep me signed in" ends after this long without a request
    api_token_days: int = 90  # default lifetime of a new API token
    # Limits per network address (auth/limits.py), high enough for a test centre where hundreds of candidates share
    # one address; per-account limits are much lower and fixed.
    signin_address_limit: str = "150 per minute; 2000 per hour"
    form_address_limit: str = "100 per minute; 1000 per hour"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> Settings:
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
            environment=os.environ.get("ASSESSMENT_ENV", "production").strip().lower() or "production",
            secret_key_fallbacks=[
                k.strip() for k in os.environ.get("ASSESSMENT_SECRET_KEY_FALLBACKS", "").split(",") if k.strip()
            ],
            remember_days=_env_int("ASSESSMENT_REMEMBER_DAYS", 14),
            session_idle_hours=_env_int("ASSESSMENT_SESSION_IDLE_HOURS", 12),
            api_token_days=_env_int("ASSESSMENT_API_TOKEN_DAYS", 90),
            signin_address_limit=os.environ.get("ASSESSMENT_SIGNIN_LIMIT_PER_ADDRESS", "").strip()
            or "150 per minute; 2000 per hour",
            form_address_limit=os.environ.get("ASSESSMENT_FORM_LIMIT_PER_ADDRESS", "").strip()
            or "100 per minute; 1000 per hour",
        )
        for key, value in overrides.items():
            setattr(settings, key, value)
        if not settings.secret_key:
            settings.secret_key = _load_secret_key(settings.instance_path)
        return settings

    @property
    def https(self) -> bool:
        """The platform is served over HTTPS (its public base URL says so): cookies are Secure and HSTS is sent."""
        return self.base_url.strip().lower().startswith("https://")

    def check_secrets(self) -> list[str]:
        """Refuse (SystemExit with the fix) a weak signing key outside development; returns warnings otherwise."""
        if self.environment not in ENVIRONMENTS:
            raise SystemExit(
                f"ASSESSMENT_ENV={self.environment!r} is not valid: use production (the default) or development."
            )
        problems = []
        if len(self.secret_key.encode()) < MIN_SECRET_KEY_BYTES:
            problems.append(
                f"ASSESSMENT_SECRET_KEY is {len(self.secret_key.encode())} bytes long; it must be at "
                f"least {MIN_SECRET_KEY_BYTES} random bytes. Make one with {MAKE_KEY} (or unset it: "
                f"`assessment run` then keeps a random key in {self.instance_path / 'secret_key'})."
            )
        for index, key in enumerate(self.secret_key_fallbacks, start=1):
            if len(key.encode()) < MIN_SECRET_KEY_BYTES:
                problems.append(
                    f"ASSESSMENT_SECRET_KEY_FALLBACKS: key {index} is shorter than "
                    f"{MIN_SECRET_KEY_BYTES} bytes; list only keys this platform used before."
                )
        if problems and self.environment != "development":
            raise SystemExit(
                " ".join(problems) + " (ASSESSMENT_ENV=development accepts weak keys on a developer's machine.)"
            )
        return problems

    def ensure_dirs(self) -> None:
        for path in (self.instance_path, self.cv_dir, self.outbox_dir, self.snapshot_dir):
            path.mkdir(parents=True, exist_ok=True)
        os.chmod(self.cv_dir, 0o700)
