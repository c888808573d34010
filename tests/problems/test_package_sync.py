"""Syncing the package shapes: what a problem version records about its statement, type and points."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from assessment.db import Base
from assessment.models import Problem
from assessment.problems import load_tree
from assessment.problems.sync import sync_tree
from tests.problems.packages_helpers import position_with


def test_versions_record_statement_type_and_points(tmp_path):
    root = position_with(
        tmp_path, "pdfroot", "pdfstatement", "nostatement", "scoregroups", "interactive", "multipasslegacy"
    )
    engine = create_engine(f"sqlite:///{tmp_path / 'sync.sqlite'}")
    Base.metadata.create_all(engine)
    with sessionmaker(bind=engine, expire_on_commit=False)() as session:
        tree = load_tree(root)
        report = sync_tree(session, tree, tmp_path / "snapshots")
        assert report.errors == [], report.errors
        assert any("no problem statement" in w.message for w in report.warnings)
        versions = {p.slug: p.current_version for p in session.scalars(select(Problem))}
        pdf = versions["pdfroot"]
        assert (pdf.statement_format, pdf.statement_file, pdf.statement_md) == ("pdf", "problem.pdf", "")
        assert (Path(pdf.snapshot_path) / "problem.pdf").read_bytes().startswith(b"%PDF")
        assert (Path(pdf.snapshot_path) / "domjudge-problem.ini").is_file()
        assert (pdf.time_limit_s, pdf.title) == (3.0, "Add Two (PDF)")
        assert versions["pdfstatement"].statement_file == "statement/problem.en.pdf"
        assert versions["nostatement"].statement_format == "none" and not versions["nostatement"].has_statement
        scoring = versions["scoregroups"]
        assert (scoring.problem_type, scoring.max_points) == ("scoring", 100.0)
        assert versions["interactive"].is_interactive and not versions["interactive"].is_multi_pass
        assert versions["multipasslegacy"].is_multi_pass and versions["multipasslegacy"].max_points is None
        assert versions["pdfroot"].problem_type == "pass-fail" and versions["pdfroot"].has_statement
    engine.dispose()
