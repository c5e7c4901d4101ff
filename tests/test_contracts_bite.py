"""Each import contract of a baked project fails on a planted violation, and only then."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from baking import VARIANTS, copy_project, run
from conftest import Bake

pytestmark = pytest.mark.baked

PACKAGE = "order_service"
LAYERS = "Layers: bootstrap > adapters > application > domain"
INDEPENDENCE = "Inbound and outbound adapters are independent"
FORBIDDEN = "Domain and application import no third-party package"
ACYCLIC = "No import cycles between sibling packages"


@dataclass(frozen=True)
class Violation:
    name: str
    breaks: tuple[str, ...]  # every contract it breaks, the one it is planted for first
    files: dict[str, str]  # path under src/<package>/ -> source


VIOLATIONS = (
    Violation(
        "domain-imports-sqlalchemy",
        (FORBIDDEN,),
        {"domain/leak.py": "import sqlalchemy\n"},
    ),
    Violation(
        "application-imports-an-adapter",
        # adapters already import application, so this also closes a cycle between siblings
        (LAYERS, ACYCLIC),
        {"application/leak.py": f"from {PACKAGE}.adapters.outbound.clock import system_clock\n"},
    ),
    Violation(
        "inbound-adapter-imports-outbound-adapter",
        (INDEPENDENCE,),
        {
            "adapters/inbound/rest/leak.py": (
                f"from {PACKAGE}.adapters.outbound.persistence import unit_of_work\n"
            )
        },
    ),
    Violation(
        "cycle-between-sibling-packages",
        (ACYCLIC,),
        {
            "adapters/outbound/messaging/leak.py": (
                f"from {PACKAGE}.adapters.outbound.persistence import database\n"
            ),
            "adapters/outbound/persistence/leak.py": (
                f"from {PACKAGE}.adapters.outbound.messaging import in_memory_broker\n"
            ),
        },
    ),
)


@pytest.fixture(scope="module")
def installed_project(bake: Bake, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(bake(VARIANTS[0]), tmp_path_factory.mktemp("contracts"))
    run(["make", "install"], project)
    return project


@pytest.fixture
def lint_imports(installed_project: Path) -> Callable[[], tuple[int, str]]:
    def lint() -> tuple[int, str]:
        result = run(["uv", "run", "lint-imports", "--no-cache"], installed_project, check=False)
        return result.returncode, result.stdout + result.stderr

    return lint


def test_the_unchanged_project_keeps_every_contract(
    lint_imports: Callable[[], tuple[int, str]],
) -> None:
    exit_code, output = lint_imports()

    assert exit_code == 0, output
    assert "Contracts: 4 kept, 0 broken." in output


@pytest.mark.parametrize("violation", VIOLATIONS, ids=lambda violation: violation.name)
def test_a_planted_violation_breaks_its_contract_until_it_is_removed(
    installed_project: Path,
    lint_imports: Callable[[], tuple[int, str]],
    violation: Violation,
) -> None:
    planted = [installed_project / "src" / PACKAGE / path for path in violation.files]
    for path, source in zip(planted, violation.files.values(), strict=True):
        path.write_text(source)
    try:
        exit_code, output = lint_imports()
    finally:
        for path in planted:
            path.unlink()

    assert exit_code != 0
    for contract in violation.breaks:
        assert f"{contract} BROKEN" in output
    broken = len(violation.breaks)
    assert f"Contracts: {4 - broken} kept, {broken} broken." in output
    assert lint_imports()[0] == 0
