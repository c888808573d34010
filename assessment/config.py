"""Configuration from environment variables, with safe defaults for the embedded single-machine setup.

`Settings.from_env()` is the only place that reads the environment (outside `sandbox/`, which has its own image and
build settings). Relative defaults are relative to the working directory the platform is started from, never to
where the code is installed: data goes to `./instance`, problems come from `./problems`."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
LOCAL_HOSTS = ("", "0.0.0.0", "::", "[::]")  # listening everywhere: links point at this machine's loopback
DEFAULT_MAIL_FROM = "Assessment <no-reply@localhost>"
DEFAULT_JUDGE_LEASE_S = 60.0
DEFAULT_SIGNIN_LIMIT = "150 per minute; 2000 per hour"
DEFAULT_FORM_LIMIT = "100 per minute; 1000 per hour"

MIN_SECRET_KEY_BYTES = 32
ENVIRONMENTS = ("production", "development")
MAKE_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"


class SettingsError(SystemExit):
    """A setting has a value the platform cannot use; the message names the variable and the fix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _load_secret_key(instance: Path) -> str:
    """A random key persisted in the instance folder (mode 0600), created on first use."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


class _Env:
    """Typed reads of environment variables with one clear message per bad value."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def text(self, name: str, default: str = "") -> str:
        value = self.environ.get(name, "").strip()
        return value or default

    def optional(self, name: str) -> str | None:
        return self.environ.get(name, "").strip() or None

    def path(self, name: str, default: Path) -> Path:
        return Path(self.text(name) or default).resolve()

    def integer(self, name: str, default: int, *, minimum: int = 0, example: str = "2") -> int:
        value = self.text(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise SettingsError(
                f"{name}={value!r} is not valid: set it to a whole number of at least {minimum} "
                f"(for example {example}), or leave it unset for the default {default}."
            )
        return number

    def number(self, name: str, default: float, *, minimum: float, example: str) -> float:
        value = self.text(name)
        if not value:
            return default
        try:
            number = float(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise SettingsError(
                f"{name}={value!r} is not valid: set it to a number of at least {minimum:g} (for example {example}), "
                f"or leave it unset for the default {default:g}."
            )
        return number

    def flag(self, name: str, default: bool) -> bool:
        value = self.text(name).lower()
        if not value:
            return default
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"{name}={value!r} is not valid: set it to 1 (on) or 0 (off).")

    def keys(self, name: str) -> list[str]:
        """A comma-separated list of keys (spaces around each are ignored)."""
        return [key.strip() for key in self.text(name).split(",") if key.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.text(name, default)
        if value not in choices:
            raise SettingsError(f"{name}={value!r} is not valid: use one of {', '.join(choices)}.")
        return value


MAX_DEFAULT_WEB_PROCESSES = 8


def default_web_processes() -> int:
    """One web process per core this process may use (Python serves one core's worth of requests per process), at
    most MAX_DEFAULT_WEB_PROCESSES."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WEB_PROCESSES))


def local_base_url(host: str, port: int) -> str:
    """The address of this server for links in emails when ASSESSMENT_BASE_URL is not set (the embedded default):
    its host and port, http://127.0.0.1:5000 unless ASSESSMENT_HOST/ASSESSMENT_PORT or `--host`/`--port` say
    otherwise."""
    shown = "127.0.0.1" if host in LOCAL_HOSTS else (f"[{host}]" if ":" in host and not host.startswith("[") else host)
    return f"http://{shown}:{port}"


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
    judge_backend: str = "threads"  # a name in assessment.judging.backends.BACKENDS
    judge_lease_s: float = DEFAULT_JUDGE_LEASE_S
    broker_url: str | None = None
    smtp_url: str | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    base_url: str = DEFAULT_BASE_URL
    cv_max_bytes: int = 5 * 1024 * 1024
    deadline_grace_seconds: int = 5
    rate_limit_storage: str = "memory://"
    rate_limit_enabled: bool = True
    proxy_hops: int = 0
    admin_email: str = "admin@example.com"
    admin_password: str | None = None
    host: str = "127.0.0.1"
    port: int = 5000
    web_threads: int = 4
    web_processes: int = 1  # `assessment run`'s web processes (from the environment: the number of cores)
    # "production" (the default) refuses weak secret keys; "development" only warns about them.
    environment: str = "production"
    # Old keys still accepted for signatures during a key rotation (never used to sign anything new).
    secret_key_fallbacks: list[str] = field(default_factory=list)
    remember_days: int = 14  # "keep me signed in": the server ends such a session after this many days
    session_idle_hours: int = 12  # a session without "keep me signed in" ends after this long without a request
    api_token_days: int = 90  # default lifetime of a new API token
    # Limits per network address (web/limits.py), high enough for a test centre where hundreds of candidates share
    # one address; per-account limits are much lower and fixed.
    signin_address_limit: str = DEFAULT_SIGNIN_LIMIT
    form_address_limit: str = DEFAULT_FORM_LIMIT
    # Retention: CVs and drafts of decided applications are purged this many days after the decision by
    # `assessment purge --apply` (None: the rule is off until set).
    retention_days: int | None = None
    # Where the web processes keep their Prometheus counters (prometheus_client's multi-process mode), so that
    # /metrics adds up every process; set by `assessment run`. Unset: one process, the default registry.
    metrics_multiprocess_dir: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from `environ` (default: the process environment). Nothing is written: the secret key file is
        created by `ensure_secret_key`, which only the web app calls."""
        env = _Env(os.environ if environ is None else environ)
        instance = env.path("ASSESSMENT_INSTANCE", Path.cwd() / "instance")
        settings = cls(
            instance_path=instance,
            database_url=env.text("DATABASE_URL") or f"sqlite:///{instance / 'assessment.sqlite'}",
            secret_key=env.text("ASSESSMENT_SECRET_KEY"),
            problems_dir=env.path("ASSESSMENT_PROBLEMS", Path.cwd() / "problems"),
            cv_dir=env.path("ASSESSMENT_CV_DIR", instance / "cvs"),
            outbox_dir=env.path("ASSESSMENT_OUTBOX", instance / "outbox"),
            snapshot_dir=env.path("ASSESSMENT_SNAPSHOTS", instance / "snapshots"),
            judge_workers=env.integer("ASSESSMENT_JUDGE_WORKERS", 2, minimum=0),
            judge_backend=env.text("ASSESSMENT_JUDGE_BACKEND", "threads"),
            judge_lease_s=env.number(
                "ASSESSMENT_JUDGE_LEASE_SECONDS", DEFAULT_JUDGE_LEASE_S, minimum=1.0, example="60"
            ),
            broker_url=env.optional("ASSESSMENT_BROKER_URL") or env.optional("CELERY_BROKER_URL"),
            smtp_url=env.optional("ASSESSMENT_SMTP_URL"),
            mail_from=env.text("ASSESSMENT_MAIL_FROM", DEFAULT_MAIL_FROM),
            base_url=env.text("ASSESSMENT_BASE_URL"),  # "" until set: then it follows the host and port below
            rate_limit_storage=env.text("ASSESSMENT_RATELIMIT_STORAGE", "memory://"),
            # Benchmarks send every simulated candidate from 127.0.0.1; ASSESSMENT_RATELIMIT_ENABLED=0 turns limits off.
            rate_limit_enabled=env.flag("ASSESSMENT_RATELIMIT_ENABLED", True),
            # How many reverse proxies in front of the app set X-Forwarded-* headers (0 = none).
            proxy_hops=env.integer("ASSESSMENT_PROXY_HOPS", 0, example="1"),
            admin_email=env.text("ASSESSMENT_ADMIN_EMAIL", "admin@example.com").lower(),
            admin_password=env.optional("ASSESSMENT_ADMIN_PASSWORD"),
            host=env.text("ASSESSMENT_HOST", "127.0.0.1"),
            port=env.integer("ASSESSMENT_PORT", 5000, minimum=1, example="5000"),
            web_threads=env.integer("ASSESSMENT_WEB_THREADS", 4, minimum=1, example="4"),
            web_processes=env.integer("ASSESSMENT_WEB_PROCESSES", default_web_processes(), minimum=1, example="2"),
            environment=env.choice("ASSESSMENT_ENV", "production", ENVIRONMENTS),
            secret_key_fallbacks=env.keys("ASSESSMENT_SECRET_KEY_FALLBACKS"),
            remember_days=env.integer("ASSESSMENT_REMEMBER_DAYS", 14, minimum=1, example="14"),
            session_idle_hours=env.integer("ASSESSMENT_SESSION_IDLE_HOURS", 12, minimum=1, example="12"),
            api_token_days=env.integer("ASSESSMENT_API_TOKEN_DAYS", 90, minimum=1, example="90"),
            signin_address_limit=env.text("ASSESSMENT_SIGNIN_LIMIT_PER_ADDRESS", DEFAULT_SIGNIN_LIMIT),
            form_address_limit=env.text("ASSESSMENT_FORM_LIMIT_PER_ADDRESS", DEFAULT_FORM_LIMIT),
            retention_days=env.integer("ASSESSMENT_RETENTION_DAYS", 0, minimum=1, example="365")
            if env.text("ASSESSMENT_RETENTION_DAYS")
            else None,
            metrics_multiprocess_dir=env.optional("PROMETHEUS_MULTIPROC_DIR"),
        )
        for key, value in overrides.items():
            if not hasattr(settings, key):
                raise TypeError(f"Settings has no field {key!r}")
            setattr(settings, key, value)
        if not settings.base_url:  # no ASSESSMENT_BASE_URL: links point where `assessment run` listens
            settings.base_url = local_base_url(settings.host, settings.port)
        return settings

    def ensure_secret_key(self) -> str:
        """ASSESSMENT_SECRET_KEY, else a random key kept in the instance folder (created on the first start)."""
        if not self.secret_key:
            self.secret_key = _load_secret_key(self.instance_path)
        return self.secret_key

    @property
    def https(self) -> bool:
        """The platform is served over HTTPS (its public base URL says so): cookies are Secure and HSTS is sent."""
        return self.base_url.strip().lower().startswith("https://")

    def check_secrets(self) -> list[str]:
        """Refuse (SettingsError with the fix) a weak signing key outside development; returns warnings otherwise."""
        if self.environment not in ENVIRONMENTS:
            raise SettingsError(
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
            raise SettingsError(
                " ".join(problems) + " (ASSESSMENT_ENV=development accepts weak keys on a developer's machine.)"
            )
        return problems

    def ensure_dirs(self) -> None:
        for path in (self.instance_path, self.cv_dir, self.outbox_dir, self.snapshot_dir):
            path.mkdir(parents=True, exist_ok=True)
        os.chmod(self.cv_dir, 0o700)
