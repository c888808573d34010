"""The judging backend is chosen explicitly, from one registry, when the app or a worker is built; importing the
judging modules builds and writes nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assessment.config import Settings, SettingsError
from assessment.judging.backends import BACKENDS, ThreadsBackend, backend_for


def test_the_registry_names_every_backend_and_builds_the_chosen_one(settings):
    assert set(BACKENDS) == {"threads", "celery"}
    assert isinstance(backend_for(settings), ThreadsBackend)
    settings.judge_backend = "celery"
    settings.broker_url = "redis://127.0.0.1:1/0"
    backend = backend_for(settings)
    assert backend.name == "celery"


def test_an_unknown_backend_names_the_setting_and_the_choices(settings):
    settings.judge_backend = "kubernetes"
    with pytest.raises(
        SettingsError, match=r"ASSESSMENT_JUDGE_BACKEND='kubernetes' is not valid: use one of threads, celery"
    ):
        backend_for(settings)


def test_the_app_uses_the_backend_of_its_settings(app):
    assert isinstance(app.extensions["assessment.judge_backend"], ThreadsBackend)


def test_importing_the_judging_modules_builds_and_writes_nothing(tmp_path):
    code = (
        "import assessment.judging.celery_app, assessment.judging.backends, assessment.judging.worker, "
        "assessment.judging.service, assessment.background\n"
        "from assessment.judging import celery_app\n"
        "assert not [n for n in vars(celery_app) if n in ('celery', 'app', '_settings', '_database')]\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == [], "no secret key file, no instance folder"


def test_settings_from_the_environment_write_nothing(tmp_path):
    settings = Settings.from_env({"ASSESSMENT_INSTANCE": str(tmp_path / "data")})
    assert settings.instance_path == tmp_path / "data" and settings.secret_key == ""
    assert not (tmp_path / "data").exists()
    assert settings.ensure_secret_key() == (tmp_path / "data" / "secret_key").read_text()


def test_relative_defaults_follow_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.instance_path == tmp_path / "instance"
    assert settings.problems_dir == tmp_path / "problems"
    assert settings.database_url == f"sqlite:///{tmp_path / 'instance' / 'assessment.sqlite'}"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ASSESSMENT_PROXY_HOPS", "two"),
        ("ASSESSMENT_JUDGE_WORKERS", "-1"),
        ("ASSESSMENT_RATELIMIT_ENABLED", "maybe"),
        ("ASSESSMENT_JUDGE_LEASE_SECONDS", "0"),
    ],
)
def test_a_bad_setting_is_named_with_its_fix(name, value):
    with pytest.raises(SettingsError, match=f"{name}='{value}' is not valid"):
        Settings.from_env({name: value})
