"""Finding 1: no secret has a default in the repository. docker-compose.yml refuses to start without
ASSESSMENT_SECRET_KEY (and says how to make one); the app refuses short keys outside development; the embedded
default generates a random key into the instance folder."""

from __future__ import annotations

import os
import re
import stat
import subprocess

import pytest

from tests.conftest import REPO
from tests.deploy.test_compose import compose_cmd

SECRET_NAMES = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|_KEY\b", re.I)


def compose_config(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ASSESSMENT_SECRET_KEY", "POSTGRES_PASSWORD")}
    env.update(env_overrides)
    return subprocess.run(
        compose_cmd() + ["-f", str(REPO / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )


def test_compose_refuses_to_start_without_a_secret_key_and_says_how_to_make_one():
    missing = compose_config({"POSTGRES_PASSWORD": "a-database-password-for-the-test"})
    assert missing.returncode != 0, "compose accepted a deployment without ASSESSMENT_SECRET_KEY"
    message = missing.stderr + missing.stdout
    assert "ASSESSMENT_SECRET_KEY" in message
    assert "secrets.token_urlsafe" in message  # the command that makes one
    key = "k" * 48
    given = compose_config({"ASSESSMENT_SECRET_KEY": key, "POSTGRES_PASSWORD": "a-database-password-for-the-test"})
    assert given.returncode == 0, given.stderr
    assert key in given.stdout and "change-me" not in given.stdout


def test_no_secret_in_the_compose_file_has_a_default():
    text = (REPO / "docker-compose.yml").read_text()
    defaults = re.findall(r"\$\{([A-Z0-9_]+):?-[^}]+\}", text)  # a non-empty default
    assert not [name for name in defaults if SECRET_NAMES.search(name)], defaults
    missing_db_password = compose_config({"ASSESSMENT_SECRET_KEY": "k" * 48})
    assert missing_db_password.returncode != 0 and "POSTGRES_PASSWORD" in missing_db_password.stderr


def test_the_app_refuses_a_short_key_outside_development(settings):
    from assessment import create_app

    settings.secret_key = "change-me-in-production"
    with pytest.raises(SystemExit) as refused:
        create_app(settings, start_workers=False, migrate=False)
    message = str(refused.value)
    assert "ASSESSMENT_SECRET_KEY" in message and "32" in message and "secrets.token_urlsafe" in message

    settings.environment = "development"
    app = create_app(settings, start_workers=False, migrate=False)
    assert app.config["SECRET_KEY"] == "change-me-in-production"
    app.extensions["assessment.db"].dispose()


def test_a_short_fallback_key_is_refused_too(settings):
    from assessment import create_app

    settings.secret_key_fallbacks = ["old"]
    with pytest.raises(SystemExit, match="ASSESSMENT_SECRET_KEY_FALLBACKS"):
        create_app(settings, start_workers=False, migrate=False)


def test_the_embedded_default_generates_a_random_key_into_the_instance_folder(tmp_path, monkeypatch):
    from assessment import create_app
    from assessment.config import Settings

    monkeypatch.delenv("ASSESSMENT_SECRET_KEY", raising=False)
    monkeypatch.setenv("ASSESSMENT_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = Settings.from_env()
    path = tmp_path / "instance" / "secret_key"
    assert first.secret_key == "" and not path.exists()  # reading the settings writes nothing
    app = create_app(first, start_workers=False, migrate=False)  # the web app makes the key on its first start
    app.extensions["assessment.db"].dispose()
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first.secret_key.encode()) >= 32 and app.config["SECRET_KEY"] == first.secret_key
    assert Settings.from_env().ensure_secret_key() == first.secret_key  # kept across restarts
    other = tmp_path / "other"
    monkeypatch.setenv("ASSESSMENT_INSTANCE", str(other))
    assert Settings.from_env().ensure_secret_key() != first.secret_key  # random per installation, not a default


def test_key_rotation_keeps_sessions_and_links_signed_with_a_listed_old_key(settings, tmp_path):
    from assessment import create_app
    from assessment.models import User, utcnow
    from assessment.tokens import CONFIRM_EMAIL, make_token, read_token

    old, new = "old-key-" + "o" * 40, "new-key-" + "n" * 40
    settings.secret_key = old
    first = create_app(settings, start_workers=False)
    with first.extensions["assessment.db"].new_session() as s:
        user = User(email="c@example.com", name="C", role="candidate", email_confirmed_at=utcnow())
        user.set_password("correct horse battery")
        s.add(user)
        s.commit()
    browser = first.test_client()
    from tests.conftest import csrf_token_from

    token = csrf_token_from(browser.get("/login").get_data(as_text=True))
    assert (
        browser.post(
            "/login", data={"email": "c@example.com", "password": "correct horse battery", "csrf_token": token}
        ).status_code
        == 302
    )
    with first.test_request_context():
        link = make_token(CONFIRM_EMAIL, {"email": "x@example.com"})
    cookie = browser.get_cookie("session").value
    first.extensions["assessment.db"].dispose()

    settings.secret_key, settings.secret_key_fallbacks = new, [old]
    rotated = create_app(settings, start_workers=False)
    try:
        again = rotated.test_client()
        again.set_cookie("session", cookie)
        assert again.get("/me").status_code == 200  # still signed in while the old key is listed
        with rotated.test_request_context():
            assert read_token(CONFIRM_EMAIL, link)["email"] == "x@example.com"
    finally:
        rotated.extensions["assessment.db"].dispose()
    settings.secret_key_fallbacks = []
    dropped = create_app(settings, start_workers=False)
    try:
        gone = dropped.test_client()
        gone.set_cookie("session", cookie)
        assert gone.get("/me").status_code == 302  # a leaked key that is not listed signs nothing in
    finally:
        dropped.extensions["assessment.db"].dispose()
