"""Content loading: positions, Kattis problem packages and essay prompts from the problems/ tree.

Public API:
    load_package(path, strict=False) -> ProblemPackage      raises PackageError
    derive_time_limit(slowest_accepted_s, package=None) -> float
    load_tree(problems_dir) -> Tree                          never raises for content errors
    validate_tree(problems_dir, run_input_validators=True) -> ValidationReport
    sync_tree(session, tree, snapshot_dir) -> SyncReport      (assessment.problems.sync)
"""
from .essay import CriterionSpec, EssaySpec, RubricLevelSpec, load_essay
from .issues import Issue, PackageError
from .kattis import ProblemPackage, TestCase, load_package
from .position import PositionConfig, load_position
from .timelimit import derive_time_limit
from .tree import PositionSpec, Tree, load_tree
from .validate import ValidationReport, validate_tree

__all__ = [
    "CriterionSpec", "EssaySpec", "Issue", "PackageError", "PositionConfig", "PositionSpec", "ProblemPackage",
    "RubricLevelSpec", "TestCase", "Tree", "ValidationReport", "derive_time_limit", "load_essay", "load_package",
    "load_position", "load_tree", "validate_tree",
]
