from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
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


@pytest.fixture(autouse=True, scope="session")
def hook_scripts_left_with_pytest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Cookiecutter writes each rendered hook to a temporary file and never deletes it (by
    design, its maintainers say): two files a bake. Written under pytest's own temporary
    directory, they go when pytest clears it, instead of piling up in /tmp."""
    kept = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("hook-scripts"))
    yield
    tempfile.tempdir = kept


@pytest.fixture(autouse=True, scope="session")
def local_servers_reached_directly() -> Iterator[None]:
    """The servers the tests start listen on 127.0.0.1: a proxy set for the machine
    (`HTTP_PROXY`), which HTTP clients honour, must not stand between them and the tests."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NO_PROXY", "no_proxy"):
            hosts = [os.environ.get(name, ""), "127.0.0.1", "localhost"]
            patch.setenv(name, ",".join(host for host in hosts if host))
        yield
