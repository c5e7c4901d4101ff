"""Each variant renders completely, and keeps exactly the files of the options chosen."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import tomllib
from typing import Any

import pytest
import yaml
from baking import REPO_ROOT, TEMPLATE_OPTIONS, VARIANTS, Variant, load_hook
from conftest import Bake
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

# A closing "}}" is ordinary Python (nested dicts); an opening marker never is here.
JINJA_MARKERS = ("{{", "{%", "{#", "cookiecutter")


def load_option_paths() -> dict[tuple[str, str], tuple[str, ...]]:
    table: dict[tuple[str, str], tuple[str, ...]] = load_hook("post_gen_project").OPTION_PATHS
    return table


@functools.cache
def _answers(given: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    context = generate_context(
        context_file=str(REPO_ROOT / "cookiecutter.json"), extra_context=dict(given)
    )
    return dict(prompt_for_config(context, no_input=True))


def answer(variant: Variant, option: str) -> str:
    """The variant's answer to `option`, a default rendered as cookiecutter renders it."""
    return str(_answers(tuple(sorted(variant.answers.items())))[option])


def package_of(variant: Variant) -> str:
    return answer(variant, "package_name")


def test_every_offered_option_value_is_baked_by_some_variant() -> None:
    offered = {
        (option, value)
        for option, values in TEMPLATE_OPTIONS.items()
        if isinstance(values, list) and not option.startswith("_")
        for value in values
    }

    baked = {(option, answer(variant, option)) for variant in VARIANTS for option, _ in offered}

    assert offered - baked == set()


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_nothing_is_left_unrendered(bake: Bake, variant: Variant) -> None:
    project = bake(variant)

    leftovers = [
        f"{path.relative_to(project)}: {marker}"
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.suffix != ".mako"
        for marker in JINJA_MARKERS
        if marker in path.read_text() or marker in str(path.relative_to(project))
    ]

    assert leftovers == []


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_only_the_files_of_the_chosen_options_remain(bake: Bake, variant: Variant) -> None:
    project = bake(variant)
    owners: dict[str, list[tuple[str, str]]] = {}
    for (option, value), paths in load_option_paths().items():
        for path in paths:
            owners.setdefault(path, []).append((option, value))

    wrong = [
        f"{path} (kept only for {owned_by})"
        for path, owned_by in owners.items()
        if (project / path.format(package=package_of(variant))).exists()
        != any(answer(variant, option) == value for option, value in owned_by)
    ]

    assert wrong == []


# Technologies an option brings, each with the answer that brings it.
TECHNOLOGIES = {
    "rabbitmq": ("broker", "rabbitmq"),
    "nats": ("broker", "nats"),
    "redis": ("broker", "redis"),
    "postgresql": ("database", "postgresql"),
}


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_no_file_is_named_after_a_technology_not_chosen(bake: Bake, variant: Variant) -> None:
    # Independent of the hook's own table, which the test above reads: a path left out of
    # it would stay in every project, and only a name gives it away.
    project = bake(variant)
    not_chosen = [
        name for name, (option, value) in TECHNOLOGIES.items() if answer(variant, option) != value
    ]

    stray = [
        str(path.relative_to(project))
        for path in project.rglob("*")
        if any(name in path.name for name in not_chosen)
    ]

    assert stray == []


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda variant: variant.name)
def test_the_project_is_named_and_pinned_as_answered(bake: Bake, variant: Variant) -> None:
    project = bake(variant)
    package = package_of(variant)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text())

    assert project.name == answer(variant, "service_name")
    assert (project / "src" / package / "domain").is_dir()
    assert pyproject["project"]["name"] == answer(variant, "service_name")
    assert pyproject["project"]["requires-python"] == f">={answer(variant, 'python_version')}"
    assert (project / ".python-version").read_text().strip() == answer(variant, "python_version")
    assert pyproject["tool"]["importlinter"]["root_package"] == package
    drivers = {dependency.split(">")[0] for dependency in pyproject["project"]["dependencies"]}
    assert ("asyncpg" in drivers) == (variant.database == "postgresql")
    assert "aiosqlite" in drivers
    # Exported by a baked project, then copied back: easy to bring its name in with them.
    for asyncapi in (project / "docs" / "events").glob("*.asyncapi.json"):
        assert json.loads(asyncapi.read_text())["info"]["title"] == answer(variant, "service_name")


WITH_CI = [variant for variant in VARIANTS if answer(variant, "ci") != "none"]


@pytest.mark.parametrize("variant", WITH_CI, ids=lambda variant: variant.name)
def test_the_ci_pipeline_lints_tests_and_brings_the_chosen_database(
    bake: Bake, variant: Variant
) -> None:
    project = bake(variant)
    ci = answer(variant, "ci")

    if ci == "github":
        workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())
        job = workflow["jobs"]["check"]
        commands = [step.get("run") for step in job["steps"]]
        services = job.get("services", {})
    else:
        pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
        commands = (
            pipeline["before_script"] + pipeline["lint"]["script"] + pipeline["test"]["script"]
        )
        services = {
            service.split(":")[0]: service for service in pipeline["test"].get("services", [])
        }

    assert {"make install", "make lint", "make test"} <= set(commands)
    assert ("postgres" in services) == (variant.database == "postgresql")


UV_INSTALL = re.compile(r'pip install(?: --?\S+)* "?(uv\b[^"\s]*)')


@pytest.mark.parametrize("variant", WITH_CI, ids=lambda variant: variant.name)
def test_ci_and_the_image_install_the_uv_the_project_requires(bake: Bake, variant: Variant) -> None:
    project = bake(variant)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    required = "uv" + pyproject["tool"]["uv"]["required-version"]
    pipeline = ".github/workflows/ci.yml" if answer(variant, "ci") == "github" else ".gitlab-ci.yml"

    for installer in (project / pipeline, project / "Dockerfile"):
        # A lock written by one uv must read in the other: the same range everywhere.
        assert set(UV_INSTALL.findall(installer.read_text())) == {required}, installer.name


def test_the_repository_tracks_no_lock_file() -> None:
    # A lock file records the package index it resolved against; projects make their own.
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    template = REPO_ROOT / "{{cookiecutter.service_name}}"

    assert tracked, "not a git checkout"
    assert [path for path in tracked if path.endswith((".lock", "package-lock.json"))] == []
    assert not list(template.rglob("*.lock"))


# What only the samples talk about. Case matters: "order" alone is too common ("in order",
# `order_by`), so the lowercase singular counts only in the samples' phrasings.
SAMPLE_WORDS = re.compile(
    r"[A-Za-z]*(Order|Customer)(s|[A-Z]\w*)?\b"  # Orders, OrderPlaced, PlaceOrder, ...
    r"|\b(orders|customers?|credit|sagas?|Sagas?|skus?|Skus?|Money)\b"
    r"|\ban order\b|\border \d"
    r"|docs/events"  # the samples' published language; the skeleton has no docs/
)
SKELETONS = [variant for variant in VARIANTS if answer(variant, "example") == "none"]


@pytest.mark.parametrize("skeleton", SKELETONS, ids=lambda variant: variant.name)
def test_the_skeleton_keeps_no_trace_of_the_samples(bake: Bake, skeleton: Variant) -> None:
    project = bake(skeleton)

    traces = [
        f"{path.relative_to(project)}:{number}: {match.group()}"
        for path in sorted(project.rglob("*"))
        if path.is_file()
        for number, line in enumerate(
            [str(path.relative_to(project)), *path.read_text().splitlines()]
        )
        for match in SAMPLE_WORDS.finditer(line)
    ]

    assert traces == []
    migrations = sorted(path.name for path in (project / "migrations/versions").iterdir())
    assert migrations == [".gitkeep", "0001_messages.py"]


@pytest.mark.parametrize(("sample", "other"), [("orders", "customers"), ("customers", "orders")])
def test_a_sample_keeps_no_file_of_the_other_sample(bake: Bake, sample: str, other: str) -> None:
    project = bake(next(variant for variant in VARIANTS if answer(variant, "example") == sample))
    # `customers/`, `customers.py`, `customers_container.py`; not the schemas of the messages
    # the sample reads from the other (`docs/events/customers.credit_reserved.v1...`).
    owned_by_other = re.compile(rf"{other}(\.py|_\w+\.py)?")

    leftovers = [
        str(path.relative_to(project))
        for path in sorted(project.rglob("*"))
        if any(owned_by_other.fullmatch(part) for part in path.relative_to(project).parts)
    ]

    assert leftovers == []


# "`<path>`, as generated:" then a Python block: the docs claim the block is in that file.
QUOTED_CODE = re.compile(r"`([\w/]+\.py)`, as generated:\n\n```python\n(.*?)```", re.DOTALL)


def test_code_the_docs_quote_as_generated_is_in_the_generated_file(bake: Bake) -> None:
    defaults = VARIANTS[0]
    package = bake(defaults) / "src" / package_of(defaults)
    quotes = [
        (document.name, path, code)
        for document in sorted((REPO_ROOT / "docs").glob("*.md"))
        for path, code in QUOTED_CODE.findall(document.read_text())
    ]

    stale = [
        f"{document} quotes {path}"
        for document, path, code in quotes
        if code not in (package / path).read_text()
    ]

    assert quotes, "no quoted code found: has the docs' wording changed?"
    assert stale == []


# Every answer at its longest and least plain: the Python written from them must still
# pass the generated project's own style checks, whatever the database, sample and broker.
LONGEST_ANSWERS = {
    "service_name": "s" * 64,
    "package_name": "p" * 30,
    "description": ("Acme\u2019s order service \u2013 " + "d" * 200)[:200],
    "author_name": "Zoë Ōtsuka-Ångström",
}
EXTREMES = [
    Variant(f"longest-{database}-{example}-{broker}", {**LONGEST_ANSWERS, **answers})
    for database, example, broker in [
        ("postgresql", "orders", "rabbitmq"),
        ("sqlite", "customers", "nats"),
        ("postgresql", "none", "redis"),
        ("sqlite", "orders", "in-memory"),
    ]
    for answers in [{"database": database, "example": example, "broker": broker}]
]


@pytest.mark.parametrize("variant", EXTREMES, ids=lambda variant: variant.name)
def test_the_longest_answers_still_give_code_in_the_projects_own_style(
    bake: Bake, variant: Variant
) -> None:
    project = bake(variant)

    # This environment's ruff, whether or not `uv run` put it on the PATH.
    ruff = [sys.executable, "-m", "ruff"]
    for command in ([*ruff, "check", "--quiet", "."], [*ruff, "format", "--check", "."]):
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
