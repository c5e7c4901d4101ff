"""Each baked variant passes its own checks, run the way its README tells a user to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from baking import (
    VARIANTS,
    Variant,
    copy_project,
    installed_top_level_names,
    load_hook,
    project_environment,
    pytest_summary,
    run,
)
from conftest import Bake

pytestmark = pytest.mark.baked


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_the_baked_project_installs_lints_and_passes_its_tests(
    bake: Bake, variant: Variant, tmp_path: Path
) -> None:
    project = copy_project(bake(variant), tmp_path)
    env = project_environment(variant.database)

    run(["make", "install"], project, env)
    # A package named after any of them would shadow it: the hook must know them all.
    unknown = installed_top_level_names(project) - load_hook("pre_gen_project").DEPENDENCY_NAMES
    assert unknown == set(), f"add {sorted(unknown)} to DEPENDENCY_NAMES in the pre_gen hook"
    lint = run(["make", "lint"], project, env)
    tests = run(["make", "test"], project, env)

    assert "Contracts: 4 kept, 0 broken." in lint.stdout
    assert "Success: no issues found" in lint.stdout
    summary = pytest_summary(tests.stdout)
    assert re.search(r"\d+ passed", summary), summary
    assert not re.search(r"failed|error|skipped", summary), summary
    if variant.database == "postgresql":
        collected = run(["uv", "run", "pytest", "--collect-only", "-q"], project, env).stdout
        assert "[postgresql]" in collected
