from datetime import datetime

from assessment.problems import load_essay, load_tree
from tests.problems.builders import ESSAY, POSITION, position_tree, write


def messages(tree) -> str:
    return "\n".join(f"{i.path}: {i.message}" for i in tree.errors)


def test_good_tree(tmp_path):
    position_tree(tmp_path)
    tree = load_tree(tmp_path)
    assert tree.errors == []
    [position] = tree.positions
    cfg = position.config
    assert position.slug == "backend" and cfg.title == "Backend Engineer"
    assert cfg.parts == ["coding", "essay"] and cfg.weights == {"coding": 0.7, "essay": 0.3}
    assert cfg.opens_at == datetime(2026, 1, 1, 9, 0)
    assert cfg.closes_at == datetime(2026, 2, 1, 8, 0)          # +01:00 converted to naive UTC
    assert cfg.test_deadline == datetime(2026, 2, 15, 18, 0)    # no zone: taken as UTC
    assert [p.name for p in position.problems] == ["addtwo"]
    [essay] = position.essays
    assert essay.slug == "design" and essay.title == "Designing a rate limiter"
    assert [c.name for c in essay.criteria] == ["Clarity", "Trade-offs", "Correctness"]
    assert essay.max_points == 4 + 3 + 2
    assert essay.body_md.startswith("Describe how")


def test_position_errors(tmp_path):
    bad = POSITION.replace("weights: {coding: 0.7, essay: 0.3}", "weights: {coding: 0.7, essay: 0.4}")
    bad = bad.replace("languages: [python, cpp]", "languages: [python, cobol]")
    bad = bad.replace("duration_minutes: 90", "duration_minutes: \"90\"") + "colour: blue\n"
    position_tree(tmp_path, position=bad)
    tree = load_tree(tmp_path)
    text = messages(tree)
    assert tree.positions == []
    assert "backend/position.yaml: the weights sum to 1.1" in text
    assert "unknown language 'cobol'" in text
    assert "`duration_minutes` must be a whole number" in text
    assert "unknown key `colour`" in text


def test_parts_must_match_folders(tmp_path):
    position_tree(tmp_path, essay=None)
    text = messages(load_tree(tmp_path))
    assert "backend/essays: `parts` includes essay but there is no prompt" in text


def test_missing_position_yaml_and_duplicate_key(tmp_path):
    (tmp_path / "empty").mkdir()
    position_tree(tmp_path, slug="dup", position=POSITION + "title: Again\n")
    text = messages(load_tree(tmp_path))
    assert "empty/position.yaml: missing" in text
    assert "dup/position.yaml: line 16: invalid YAML: duplicate key 'title'" in text


def test_rubric_errors(tmp_path):
    two_criteria = ESSAY.split("  - criterion: Correctness")[0] + "---\nBody.\n"
    path = write(tmp_path / "a.md", two_criteria)
    essay, issues = load_essay(path)
    assert essay is None and any("has 2 criteria; give between 3 and 5" in i.message for i in issues)

    not_increasing = ESSAY.replace("{points: 2, label: Partial", "{points: 5, label: Partial")
    essay, issues = load_essay(write(tmp_path / "b.md", not_increasing))
    assert essay is None and any("strictly increasing" in i.message for i in issues)

    duplicate = ESSAY.replace("{points: 3, label: Good}", "{points: 0, label: Good}")
    essay, issues = load_essay(write(tmp_path / "c.md", duplicate))
    assert any("same points" in i.message for i in issues)

    negative = ESSAY.replace("{points: 0, label: No}", "{points: -1, label: No}")
    essay, issues = load_essay(write(tmp_path / "d.md", negative))
    assert any("points must be 0 or more" in i.message for i in issues)

    one_level = ESSAY.replace("      - {points: 3, label: Good}\n", "")
    essay, issues = load_essay(write(tmp_path / "e.md", one_level))
    assert any("has 1 levels; give between 2 and 6" in i.message for i in issues)

    words = ESSAY.replace("min_words: 100", "min_words: 700")
    essay, issues = load_essay(write(tmp_path / "f.md", words))
    assert any("`min_words` (700) must be less than `max_words` (600)" in i.message for i in issues)

    no_front = write(tmp_path / "g.md", "Just a body.\n")
    essay, issues = load_essay(no_front)
    assert any("no front matter" in i.message for i in issues)
