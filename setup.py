"""Only the package list is here; pyproject.toml holds everything else. The list is every package under assessment/
and sandbox/, plus assessment.templates, which `package-dir` in pyproject.toml maps to the top-level templates/."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["assessment", "assessment.*", "sandbox", "sandbox.*"]), "assessment.templates"])
