from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from baking import REPO_ROOT, Variant

Bake = Callable[[Variant], Path]


@pytest.fixture(scope="session")
def bake(cookies_session: object) -> Bake:
    """Bake a variant with pytest-cookies (once per session) and return the project path."""
    baked: dict[str, Path] = {}

    def bake_variant(variant: Variant) -> Path:
        if variant.name not in baked:
            result = cookies_session.bake(  # type: ignore[attr-defined]
                extra_context=variant.answers, template=str(REPO_ROOT)
            )
            assert result.exception is None, result.exception
            assert result.exit_code == 0
            baked[variant.name] = Path(result.project_path)
        return baked[variant.name]

    return bake_variant


@pytest.fixture
def fresh_copy(tmp_path: Path) -> Callable[[Path], Path]:
    """A private copy of a baked project, for tests that change it."""

    def copy(project: Path) -> Path:
        target = tmp_path / project.name
        shutil.copytree(project, target, ignore=shutil.ignore_patterns(".venv", "*.db"))
        return target

    return copy
