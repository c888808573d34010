"""A signed-in candidate whose test has started, in a throwaway app, for the benchmarks that send a candidate's
requests through the app's test client (bench/autosave_statements.py, bench/request_costs.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EMAIL = "bench@example.com"
PASSWORD = "bench-password-123"


@dataclass
class StartedCandidate:
    app: Any
    client: Any
    ids: dict[str, int]  # position, problem, prompt
    application: int
    headers: dict[str, str]  # the CSRF header the test's pages send with JSON requests

    @property
    def test_url(self) -> str:
        return f"/applications/{self.application}/test"


def started_candidate(root: Path, database_url: str = "") -> StartedCandidate:
    """Create the app in `root` (SQLite there unless `database_url`), a position with a coding problem and an
    essay, a candidate with an unlocked application, sign in and start the test."""
    from assessment import create_app
    from assessment.config import Settings
    from assessment.models import User, utcnow
    from tests.candidate.attempt_helpers import make_application, make_test_position, start
    from tests.conftest import csrf_token_from

    instance = root / "instance"
    settings = Settings.from_env(
        instance_path=instance,
        database_url=database_url or f"sqlite:///{instance / 'bench.sqlite'}",
        secret_key="bench-test-taker-" + "k" * 40,
        cv_dir=instance / "cvs",
        outbox_dir=instance / "outbox",
        snapshot_dir=instance / "snapshots",
        rate_limit_storage="memory://",
        rate_limit_enabled=False,
        extra={"TESTING": True},
    )
    app = create_app(settings, start_workers=False)
    ids = make_test_position(app, root)
    with app.extensions["assessment.db"].new_session() as s:
        user = User(email=EMAIL, name="Bench", role="candidate", email_confirmed_at=utcnow())
        user.set_password(PASSWORD)
        s.add(user)
        s.commit()
    application = make_application(app, EMAIL, ids["position"])
    client = app.test_client()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})
    csrf = start(client, application)
    return StartedCandidate(app, client, ids, application, {"X-CSRFToken": csrf})
