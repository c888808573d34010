"""Everything derived from the table of languages: the CLI, the API, the editor's menu, the submission check, the
worker slots that pick CPU cores."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sandbox.languages import LANGUAGES


def test_languages_command_prints_the_table_with_image_versions(docker_sandbox):
    from assessment.cli import main

    result = CliRunner().invoke(main, ["languages", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["versions_error"] is None
    rows = {row["id"]: row for row in data["languages"]}
    assert set(rows) == set(LANGUAGES)
    assert rows["python"]["version"].startswith("Python 3.11")
    assert "numpy" in rows["python-scipy"]["version"] and rows["python-scipy"]["libraries"] == ["numpy", "scipy"]
    assert rows["java"]["version"].startswith("javac 17")
    assert rows["kotlin"]["compile_limits"]["memory_mb_at_least"] >= 1024
    text = CliRunner().invoke(main, ["languages"]).output
    assert "Rust" in text and "rustc 1.63" in text


def test_api_lists_the_languages(client, docker_sandbox):
    response = client.get("/api/v1/languages")
    assert response.status_code == 200
    assert {row["id"] for row in response.get_json()["languages"]} == set(LANGUAGES)


def test_editor_menu_and_submission_check_come_from_the_table():
    from assessment.attempts.submissions import language_info
    from assessment.judging.queue import LANGUAGE_IDS

    assert set(LANGUAGE_IDS) == set(LANGUAGES)
    info = language_info("python-scipy")
    assert info["name"] == LANGUAGES["python-scipy"].name and info["libraries"] == ["numpy", "scipy"]
    assert info["template"] == LANGUAGES["python-scipy"].template and info["codemirror"] == "python"


def test_each_judge_worker_has_its_own_slot():
    from assessment.judging.service import JudgeService

    service = JudgeService(database=None, workers=3)  # type: ignore[arg-type]
    assert [w.slot for w in service.workers] == [0, 1, 2]


def test_slot_picks_the_core(monkeypatch):
    from sandbox import cpus

    monkeypatch.setenv("ASSESSMENT_SANDBOX_CPUS", "2-3,6")
    cpus.reset()
    try:
        assert [cpus.lease(None, slot) for slot in range(4)] == [2, 3, 6, 2]
        assert cpus.parse_cpus("0-1, 4") == [0, 1, 4]
    finally:
        cpus.reset()


def test_docs_list_every_language_of_the_table():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for doc in (root / "README.md", root / "sandbox" / "README.md"):
        text = doc.read_text()
        for language in LANGUAGES.values():
            assert f"| {language.name}" in text and f"| `{language.id}` |" in text, (doc, language.id)
