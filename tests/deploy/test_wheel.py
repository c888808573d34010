"""The platform runs from its wheel: built from a clean copy of the checkout, installed into a fresh virtual
environment outside it, started with `assessment run` in an empty folder with ASSESSMENT_PROBLEMS pointing at the
problems tree. Real HTTP against the real server process: the sign-in page, a candidate's test pages (after
registering, confirming the email from the outbox and applying with a CV) and the reviewers' pages."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO, csrf_token_from
from tests.services import free_port, wait_port

POSITION = "ai-engineer"  # coding and essay, test unlocked on applying
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "wheel-admin-password"
CANDIDATE_EMAIL = "wheel.candidate@example.org"
PASSWORD = "correct horse battery"
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "node_modules")
_NOT_SOURCE_TOP = {"build", "dist", "instance", "problems", "tests", "bench", "frontend", "deploy"}


def not_source(folder: str, names: list[str]) -> set[str]:
    """What the wheel is not built from: tool folders anywhere, and content, tests and build output at the top."""
    ignored = set(_NOT_SOURCE(folder, names))
    if Path(folder) == REPO:
        ignored |= _NOT_SOURCE_TOP & set(names)
    return ignored


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment holding only the wheel and its dependencies; returns its bin/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=not_source)  # a clean copy: no stale build/ output can enter the wheel
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(work / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (work / "dist").glob("assessment-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "assessment/templates/base.html" in names and "assessment/templates/email/invitation.txt" in names
    assert "assessment/static/css/app.css" in names and "assessment/migrations/env.py" in names
    assert "sandbox/images/Dockerfile" in names
    assert not [n for n in names if n.startswith(("templates/", "tests/", "problems/"))]

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return venv / "bin"


@pytest.fixture(scope="module")
def server(installed, tmp_path_factory):
    """`assessment run` from the installed wheel, in an empty folder."""
    folder = tmp_path_factory.mktemp("empty")
    port = free_port()
    env = {
        "PATH": f"{installed}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "ASSESSMENT_PROBLEMS": str(REPO / "problems"),
        "ASSESSMENT_PORT": str(port),
        "ASSESSMENT_BASE_URL": f"http://127.0.0.1:{port}",
        "ASSESSMENT_ADMIN_EMAIL": ADMIN_EMAIL,
        "ASSESSMENT_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "ASSESSMENT_JUDGE_WORKERS": "1",
    }
    if "DOCKER_HOST" in os.environ:
        env["DOCKER_HOST"] = os.environ["DOCKER_HOST"]
    log = (folder.parent / "server.log").open("w")  # outside the folder, which must hold only the platform's data
    process = subprocess.Popen(
        [str(installed / "assessment"), "run"],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240  # migrations and the sync of the whole problems tree (input validators)
    while process.poll() is None and time.monotonic() < deadline:
        try:
            wait_port(port, timeout=1)
            break
        except RuntimeError:
            continue
    else:
        os.killpg(process.pid, signal.SIGKILL)
        log.close()
        raise AssertionError("assessment run did not serve:\n" + (folder.parent / "server.log").read_text()[-4000:])
    yield {"url": f"http://127.0.0.1:{port}", "folder": folder, "process": process}
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def post_form(http: requests.Session, url: str, page: str, data: dict, **kwargs) -> requests.Response:
    return http.post(url, data={"csrf_token": csrf_token_from(page), **data}, timeout=30, **kwargs)


def outbox_link(folder: Path, to: str, pattern: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for path in sorted((folder / "instance" / "outbox").glob("*.eml")):
            message = message_from_bytes(path.read_bytes(), policy=default_policy)
            if str(message["To"]) == to:
                match = re.search(pattern, message.get_body(preferencelist=("plain",)).get_content())
                if match:
                    return match.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no mail to {to} with {pattern}")


def test_the_installed_wheel_serves_every_audience(server):
    base, folder = server["url"], server["folder"]
    assert server["process"].poll() is None
    # nothing but the data folder in the working directory; the secret key and database are in it
    assert sorted(p.name for p in folder.iterdir()) == ["instance"]
    assert (folder / "instance" / "secret_key").is_file() and (folder / "instance" / "assessment.sqlite").is_file()

    # sign-in page and a static file, from inside the installed package
    http = requests.Session()
    login = http.get(f"{base}/login", timeout=30)
    assert login.status_code == 200 and "Sign in" in login.text
    assert http.get(f"{base}/static/css/app.css", timeout=30).status_code == 200

    # a candidate registers, confirms the address from the outbox and applies with a CV
    register = http.get(f"{base}/register", timeout=30)
    sent = post_form(http, f"{base}/register", register.text, {"name": "Wheel Candidate", "email": CANDIDATE_EMAIL})
    assert sent.status_code == 200, sent.text[:500]
    confirm_url = outbox_link(folder, CANDIDATE_EMAIL, re.escape(base) + r"/confirm/\S+")
    confirm = http.get(confirm_url, timeout=30)
    assert confirm.status_code == 200
    created = post_form(http, confirm_url, confirm.text, {"password": PASSWORD, "confirm": PASSWORD})
    assert created.status_code == 200 and created.url == f"{base}/me", created.url
    apply_url = f"{base}/positions/{POSITION}/apply"
    form = http.get(apply_url, timeout=30)
    assert form.status_code == 200
    applied = post_form(
        http,
        apply_url,
        form.text,
        {
            "phone": "+45 12 34 56 78",
            "education_level": "master",
            "institution": "Aarhus University",
            "graduation_year": "2021",
        },
        files={"cv": ("cv.pdf", TINY_PDF, "application/pdf")},
    )
    assert applied.status_code == 200, applied.text[:500]
    application_id = re.search(r"/applications/(\d+)/test", applied.text).group(1)

    # the candidate's test: start page, overview, a problem page with the statement and the editor
    start = http.get(f"{base}/applications/{application_id}/test", timeout=30)
    assert start.status_code == 200 and "Start the test" in start.text
    overview = post_form(http, f"{base}/applications/{application_id}/test/start", start.text, {})
    assert overview.status_code == 200 and overview.url.endswith("/test/overview"), overview.url
    problem_path = re.search(rf"/applications/{application_id}/test/problems/\d+", overview.text).group(0)
    problem = http.get(base + problem_path, timeout=30)
    assert problem.status_code == 200
    assert "Dialogue" in problem.text and 'id="run-samples"' in problem.text

    # reviewers' pages, as the first administrator
    staff = requests.Session()
    page = staff.get(f"{base}/login", timeout=30)
    signed_in = post_form(staff, f"{base}/login", page.text, {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert signed_in.status_code == 200 and "Sign out" in signed_in.text
    home = staff.get(f"{base}/review/", timeout=30)
    assert home.status_code == 200
    board = staff.get(f"{base}/review/positions/{POSITION}/board", timeout=30)
    assert board.status_code == 200 and "Wheel Candidate" in board.text
