from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from baking import REPO_ROOT, Variant

Bake = Callable[[Variant], Path]


@pytest.fixture(scope="session")
def bake(cookies_session: object) -> Bake:
    """Bake a variant with pytest-cookies (once per session) and return the project path.

    The bakes stay pristine: a test that installs into a project or changes it works on a
    copy (`copy_project`).
    """
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
