from assessment.problems import derive_time_limit, load_package
from assessment.problems.timelimit import round_up
from tests.problems.builders import UUID, legacy_package, modern_package


def test_rounding_to_resolution():
    assert derive_time_limit(0.31) == 1.0           # 0.62 s -> 1 s (default resolution 1.0, x2.0)
    assert derive_time_limit(0.5) == 1.0            # exactly 1.0 stays 1.0
    assert derive_time_limit(0.51) == 2.0
    assert derive_time_limit(1.7) == 4.0
    assert derive_time_limit(0.0) == 1.0            # at least one resolution step
    assert derive_time_limit([0.2, 1.2, 0.9]) == 3.0  # the slowest counts
    assert round_up(0.3, 0.1) == 0.3 and round_up(0.31, 0.1) == 0.4


def test_package_multipliers_are_used(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\nlimits:\n"
                                         "  time_multipliers: {ac_to_time_limit: 3}\n  time_resolution: 0.5\n")
    package = load_package(path)
    assert derive_time_limit(0.4, package) == 1.5     # 1.2 -> next multiple of 0.5
    legacy = load_package(legacy_package(tmp_path, yaml="name: Old\n"))
    assert derive_time_limit(0.3, legacy) == 2.0      # legacy default time_multiplier 5 -> 1.5 -> 2 s
