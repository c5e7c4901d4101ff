"""What the template's tests share: the variants to bake and a way to run their commands."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_OPTIONS: dict[str, object] = json.loads((REPO_ROOT / "cookiecutter.json").read_text())
POSTGRESQL_SERVER = os.environ.get(
    "TEST_POSTGRESQL_URL", "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres"
)


@dataclass(frozen=True)
class Variant:
    """One set of answers to bake, named for the test ids."""

    name: str
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def database(self) -> str:
        return self.answers.get("database", "sqlite")


# Every offered value at least once, plus the pairs that interact: the database decides
# the CI service, so each CI provider is baked with PostgreSQL too; each sample has
# tables, migrations and tests of its own, so each is baked with each database; and each
# broker's adapters serve each sample's consumers, so each broker is baked with each sample.
VARIANTS = (
    Variant("defaults"),
    Variant("postgresql", {"database": "postgresql"}),
    Variant("customers", {"example": "customers"}),
    Variant("customers-postgresql", {"example": "customers", "database": "postgresql"}),
    Variant("skeleton", {"example": "none", "service_name": "skeleton-service"}),
    Variant("skeleton-postgresql", {"example": "none", "database": "postgresql"}),
    Variant("gitlab", {"ci": "gitlab"}),
    Variant("gitlab-postgresql", {"ci": "gitlab", "database": "postgresql"}),
    Variant("no-ci", {"ci": "none"}),
    Variant("rabbitmq", {"broker": "rabbitmq", "database": "postgresql"}),
    Variant(
        "customers-rabbitmq",
        {"example": "customers", "broker": "rabbitmq", "database": "postgresql"},
    ),
    Variant("skeleton-rabbitmq", {"example": "none", "broker": "rabbitmq"}),
    Variant("nats", {"broker": "nats"}),
    Variant("customers-nats", {"example": "customers", "broker": "nats", "database": "postgresql"}),
    Variant("skeleton-nats", {"example": "none", "broker": "nats"}),
    Variant("redis", {"broker": "redis", "database": "postgresql"}),
    Variant("customers-redis", {"example": "customers", "broker": "redis"}),
    Variant("skeleton-redis", {"example": "none", "broker": "redis"}),
    # The longest package name allowed: every import of it must still fit in 100 columns.
    Variant(
        "python-3.12-long-name",
        {"python_version": "3.12", "service_name": "inventory-reservations-service"},
    ),
    # A package that sorts after `tests`, whose imports the tests' own follow all the same.
    Variant(
        "python-3.13-renamed",
        {"python_version": "3.13", "service_name": "warehouse-api", "package_name": "warehouse"},
    ),
)


def readme_quick_start(project: Path) -> list[str]:
    """The lines of the first code block of `project`'s README: its quick start."""
    block = re.search(r"```bash\n(.*?)```", (project / "README.md").read_text(), re.DOTALL)
    assert block is not None, "the README starts without a code block"
    return block.group(1).splitlines()


def interpreter_directories() -> list[str]:
    """The real bin directories of the pyenv interpreters, newest patch per minor version.

    pyenv's shims resolve a version from the directory they run in, and uv queries
    interpreters from elsewhere, so a baked project asking for 3.12 would find a shim that
    fails. Offering the real directories first lets uv find every installed version.
    """
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    newest: dict[tuple[int, int], tuple[tuple[int, ...], Path]] = {}
    for directory in versions.glob("3.*/bin") if versions.is_dir() else ():
        try:
            number = tuple(int(part) for part in directory.parent.name.split("."))
        except ValueError:
            continue
        minor = (number[0], number[1]) if len(number) > 1 else (number[0], 0)
        if minor >= (3, 11) and number > newest.get(minor, ((), directory))[0]:
            newest[minor] = (number, directory)
    return [str(directory) for _, directory in sorted(newest.values())]


def project_environment(database: str = "sqlite") -> dict[str, str]:
    """The environment a user's shell would give `make`, with our uv first on PATH.

    `uv` is taken from this interpreter's environment, not through a version manager's
    shim, so a baked `.python-version` cannot hide it.
    """
    # As from a fresh shell: no outer virtualenv, and no outer `make`'s flags or level.
    inherited = {"VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), *interpreter_directories(), env.get("PATH", "")]
    )
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = POSTGRESQL_SERVER
    return env


def pytest_summary(output: str) -> str:
    """pytest's closing line, such as `== 43 passed in 2.18s ==`."""
    lines = [line for line in output.splitlines() if re.search(r"\d+ (passed|failed|error)", line)]
    assert lines, f"no pytest summary in:\n{output}"
    return lines[-1]


def load_hook(name: str) -> ModuleType:
    """Import an unrendered hook file as a plain module."""
    spec = importlib.util.spec_from_file_location(
        f"hooks_{name}", REPO_ROOT / "hooks" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(module)
    return module


def installed_top_level_names(project: Path) -> set[str]:
    """What the project's environment lets `import` find first, by name: each package and
    module in its site-packages, public names only (the hook refuses a leading `_`)."""
    names = set()
    for site_packages in (project / ".venv").glob("lib/python3.*/site-packages"):
        for entry in site_packages.iterdir():
            if entry.is_dir() and not entry.name.endswith((".dist-info", ".egg-info")):
                names.add(entry.name)
            elif entry.suffix in {".py", ".so"}:
                names.add(entry.name.split(".")[0])
    return {name for name in names if name.isidentifier() and not name.startswith("_")}


def copy_project(project: Path, destination: Path) -> Path:
    """A private copy of a pristine bake, for a test that installs into it or changes it."""
    target = destination / project.name
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(".venv"))
    return target


def run(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    *,
    check: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command as a user would; on failure, show everything it printed."""
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env if env is not None else project_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"`{' '.join(command)}` exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return result
