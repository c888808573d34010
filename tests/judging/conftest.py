from __future__ import annotations

import pytest

from tests.judging.helpers import add_problem, write_package


@pytest.fixture
def database(app):
    return app.extensions["assessment.db"]


@pytest.fixture
def package_dir(tmp_path):
    return write_package(tmp_path / "packages")


@pytest.fixture
def problem(database, package_dir):
    with database.new_session() as session:
        return add_problem(session, package_dir)
