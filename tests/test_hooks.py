"""Tests for the cookiecutter hooks: the pure functions first, then real cookiecutter runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from baking import load_hook, readme_quick_start
from cookiecutter.exceptions import FailedHookException, OutputDirExistsException
from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context

REPO_ROOT = Path(__file__).resolve().parent.parent
HOOKS_DIR = REPO_ROOT / "hooks"
TEMPLATE_DIR = REPO_ROOT / "{{cookiecutter.service_name}}"


pre_gen = load_hook("pre_gen_project")
post_gen = load_hook("post_gen_project")

VALID: dict[str, str] = {
    "service_name": "order-service",
    "package_name": "order_service",
    "description": "A hexagonal-architecture microservice.",
    "author_name": "Your Name",
    "author_email": "you@example.com",
    "python_version": "3.11",
    "database": "sqlite",
    "broker": "in-memory",
    "ci": "github",
    "example": "orders",
}


def answers(**changes: object) -> dict[str, object]:
    """Valid answers with some of them replaced."""
    return {**VALID, **changes}


def rendered_defaults(**given: str) -> dict[str, Any]:
    """What cookiecutter --no-input answers from cookiecutter.json, as the hooks receive it,
    with the `given` answers."""
    context = generate_context(
        context_file=str(REPO_ROOT / "cookiecutter.json"), extra_context=given
    )
    return dict(prompt_for_config(context, no_input=True))


# --------------------------------------------------------------------------------------
# pre_gen_project: validate()
# --------------------------------------------------------------------------------------

BAD_INPUTS = [
    # service_name
    pytest.param("service_name", "Order Service", "lowercase slug", id="service-space-upper"),
    pytest.param("service_name", "../evil", "lowercase slug", id="service-dotdot"),
    pytest.param("service_name", "a/b", "lowercase slug", id="service-slash"),
    pytest.param("service_name", "-svc", "lowercase slug", id="service-leading-hyphen"),
    pytest.param("service_name", "svc-", "lowercase slug", id="service-trailing-hyphen"),
    pytest.param("service_name", "svc--x", "lowercase slug", id="service-double-hyphen"),
    pytest.param("service_name", "", "lowercase slug", id="service-empty"),
    pytest.param("service_name", "order.service", "lowercase slug", id="service-dot"),
    pytest.param("service_name", "1svc", "lowercase slug", id="service-leading-digit"),
    pytest.param("service_name", "svc\n", "lowercase slug", id="service-trailing-newline"),
    pytest.param("service_name", "s" * 65, "at most 64 characters", id="service-too-long"),
    # package_name
    pytest.param("package_name", "class", "must not be a Python keyword", id="package-keyword"),
    pytest.param("package_name", "json", "standard-library", id="package-stdlib-json"),
    pytest.param("package_name", "asyncio", "standard-library", id="package-stdlib-asyncio"),
    pytest.param("package_name", "fastapi", "depends on", id="package-dependency-fastapi"),
    pytest.param("package_name", "tests", "depends on", id="package-tests"),
    pytest.param("package_name", "1abc", "identifier", id="package-leading-digit"),
    pytest.param("package_name", "order-service", "identifier", id="package-hyphen"),
    pytest.param("package_name", "Order", "identifier", id="package-uppercase"),
    pytest.param("package_name", "ordér", "identifier", id="package-non-ascii"),
    pytest.param("package_name", "", "identifier", id="package-empty"),
    pytest.param("package_name", "_pytest", "starting with a letter", id="package-underscore"),
    pytest.param("package_name", "__main__", "starting with a letter", id="package-dunder"),
    pytest.param("package_name", "uvloop", "depends on", id="package-dependency-uvloop"),
    pytest.param("package_name", "greenlet", "depends on", id="package-indirect-dependency"),
    pytest.param("package_name", "test", "standard-library", id="package-stdlib-test"),
    pytest.param("package_name", "cgi", "standard-library", id="package-stdlib-removed-3.13"),
    pytest.param("package_name", "distutils", "standard-library", id="package-stdlib-removed-3.12"),
    # description
    pytest.param("description", "two\nlines", "single line", id="description-newline"),
    pytest.param("description", 'say "hi"', "TOML", id="description-double-quote"),
    pytest.param("description", "back\\slash", "TOML", id="description-backslash"),
    pytest.param("description", "", "must not be empty", id="description-empty"),
    pytest.param("description", "   ", "must not be empty", id="description-blank"),
    pytest.param("description", "bell\x07", "control characters", id="description-control"),
    pytest.param("description", "d" * 201, "at most 200 characters", id="description-too-long"),
    pytest.param("description", " lead", "start or end with whitespace", id="description-lead"),
    pytest.param("description", "trail ", "start or end with whitespace", id="description-trail"),
    # author_name
    pytest.param("author_name", "", "must not be empty", id="author-empty"),
    pytest.param("author_name", "Ann\r\nLee", "single line", id="author-crlf"),
    pytest.param("author_name", 'Ann "the" Lee', "TOML", id="author-double-quote"),
    # author_email
    pytest.param("author_email", "nobody", "email address", id="email-no-at"),
    pytest.param("author_email", "a@b", "email address", id="email-no-dot"),
    pytest.param("author_email", "a b@c.d", "email address", id="email-space"),
    pytest.param("author_email", "a@b@c.d", "email address", id="email-two-ats"),
    pytest.param("author_email", 'a"@b.c', "email address", id="email-double-quote"),
    pytest.param("author_email", "<a@x.com>", "packaging tools", id="email-angle-brackets"),
    pytest.param("author_email", "josé@x.com", "ASCII before the @", id="email-non-ascii"),
    pytest.param("author_email", "a..b@x.com", "doubled dots", id="email-double-dot"),
    pytest.param("author_email", "a@x.com.", "trailing", id="email-trailing-dot"),
    # choices
    pytest.param("python_version", "3.10", "one of '3.11', '3.12', '3.13'", id="python-3.10"),
    pytest.param("database", "mysql", "one of 'sqlite', 'postgresql'", id="database-mysql"),
    pytest.param(
        "broker", "kafka", "one of 'in-memory', 'rabbitmq', 'nats', 'redis'", id="broker-kafka"
    ),
    pytest.param("ci", "jenkins", "one of 'github', 'gitlab', 'none'", id="ci-jenkins"),
    pytest.param("ci", "GitHub", "one of", id="ci-wrong-case"),
    pytest.param("package_name", "a" * 31, "at most 30 characters", id="package-too-long"),
    pytest.param(
        "example", "payments", "one of 'orders', 'customers', 'none'", id="example-unknown"
    ),
]


@pytest.mark.parametrize(("field", "value", "reason"), BAD_INPUTS)
def test_an_invalid_value_is_reported_as_one_error_line_naming_field_value_and_rule(
    field: str, value: str, reason: str
) -> None:
    # Arrange
    context = answers(**{field: value})

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is not None
    assert line.startswith(f"error: {field}=")
    assert repr(value) in line
    assert reason in line
    assert "\n" not in line
    assert "\r" not in line


def test_the_error_line_has_the_documented_format() -> None:
    # Arrange
    context = answers(package_name="class")

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line == "error: package_name='class' is invalid: must not be a Python keyword"


def test_package_name_that_shadows_the_standard_library_is_rejected() -> None:
    # Arrange
    context = answers(package_name="json")

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line == (
        "error: package_name='json' is invalid: must not shadow a Python standard-library module"
    )


def test_a_bad_package_name_derived_from_the_service_name_says_so() -> None:
    # Arrange: cookiecutter derives package_name from service_name, unasked
    derived = answers(service_name="class", package_name="class")
    chosen = answers(service_name="order-service", package_name="class")

    # Act
    lines = [pre_gen.validate(derived), pre_gen.validate(chosen)]

    # Assert
    rule = "error: package_name='class' is invalid: must not be a Python keyword"
    assert lines == [
        f"{rule}; it comes from service_name: answer package_name to choose another",
        rule,
    ]


def test_the_rule_for_free_text_says_quotes_and_backslashes_break_toml() -> None:
    # Arrange
    context = answers(author_name='Ann "the" Lee')

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is not None
    assert 'double quote (")' in line
    assert "backslash (\\)" in line
    assert "TOML strings" in line


def test_the_template_defaults_are_valid() -> None:
    # Arrange
    context = rendered_defaults()

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is None


@pytest.mark.parametrize(
    ("given", "service_name", "package_name"),
    [
        ({}, "order-service", "order_service"),
        ({"example": "customers"}, "customer-service", "customer_service"),
        ({"example": "none"}, "my-service", "my_service"),
        ({"example": "customers", "service_name": "billing"}, "billing", "billing"),
    ],
)
def test_each_example_has_a_default_name_of_its_own(
    given: dict[str, str], service_name: str, package_name: str
) -> None:
    context = rendered_defaults(**given)

    assert (context["service_name"], context["package_name"]) == (service_name, package_name)


def test_a_hyphenated_service_name_with_its_derived_package_name_is_valid() -> None:
    # Arrange
    context = answers(service_name="customer-service", package_name="customer_service")

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("python_version", "3.13", id="python-3.13"),
        pytest.param("database", "postgresql", id="postgresql"),
        pytest.param("ci", "none", id="no-ci"),
        pytest.param("package_name", "match", id="soft-keyword-package"),
        pytest.param("service_name", "s" * 64, id="service-64-chars"),
        pytest.param("description", "Tabs\tand ünïcödé are fine", id="description-unicode"),
        pytest.param("author_email", "first.last+tag@sub.example.org", id="email-plus"),
    ],
)
def test_other_valid_values_pass(field: str, value: str) -> None:
    # Arrange
    context = answers(**{field: value})

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is None


def test_only_the_first_invalid_field_in_the_fixed_order_is_reported() -> None:
    # Arrange
    context = answers(ci="jenkins", author_email="nobody", package_name="class")

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line is not None
    assert line.startswith("error: package_name=")


def test_the_fields_are_checked_in_the_documented_order() -> None:
    # Arrange
    expected = [
        "service_name",
        "package_name",
        "description",
        "author_name",
        "author_email",
        "python_version",
        "database",
        "broker",
        "ci",
        "example",
    ]

    # Act
    fields = [field for field, _checks in pre_gen.RULES]

    # Assert
    assert fields == expected


def test_a_value_that_is_not_a_string_is_rejected() -> None:
    # Arrange
    context = answers(python_version=3.12)

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line == "error: python_version=3.12 is invalid: must be a string"


def test_a_missing_field_is_reported() -> None:
    # Arrange
    context = answers()
    del context["database"]

    # Act
    line = pre_gen.validate(context)

    # Assert
    assert line == "error: database is invalid: must be provided"


# --------------------------------------------------------------------------------------
# The hooks as cookiecutter runs them: rendered by Jinja, then executed
# --------------------------------------------------------------------------------------


def render_hook(name: str, values: dict[str, object], target_dir: Path) -> Path:
    """Render a hook the way cookiecutter does and write it to ``target_dir``."""
    context = {"cookiecutter": values}
    source = (HOOKS_DIR / f"{name}.py").read_text(encoding="utf-8")
    rendered = create_env_with_context(context).from_string(source).render(**context)
    script = target_dir / f"{name}.py"
    script.write_text(rendered, encoding="utf-8")
    return script


def test_the_rendered_pre_gen_hook_reads_answers_full_of_quotes_and_backslashes(
    tmp_path: Path,
) -> None:
    # Arrange
    nasty = "it's \"\"\" ''' \\ \\' \\u0027 </script> & \n end\\"
    context = answers(description=nasty, _extra=nasty)
    script = render_hook("pre_gen_project", context, tmp_path)

    # Act
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )

    # Assert
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"{pre_gen.validate(context)}\n"
    assert result.stderr.startswith("error: description=")


def test_the_rendered_pre_gen_hook_is_silent_for_valid_answers(tmp_path: Path) -> None:
    # Arrange
    script = render_hook("pre_gen_project", rendered_defaults(), tmp_path)

    # Act
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )

    # Assert
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_rendered_post_gen_hook_prunes_the_project_and_prints_next_steps(
    tmp_path: Path,
) -> None:
    # Arrange
    project = tmp_path / "order-service"
    every_option_path = {
        path.format(package="order_service")
        for paths in post_gen.OPTION_PATHS.values()
        for path in paths
    }
    for path in every_option_path:
        if any(other.startswith(f"{path}/") for other in every_option_path):
            (project / path).mkdir(parents=True, exist_ok=True)
        else:
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text("")
    script = render_hook("post_gen_project", answers(ci="gitlab"), tmp_path)

    # Act
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
        env={**os.environ, "PWD": str(tmp_path)},
    )

    # Assert
    assert result.returncode == 0, result.stderr
    remaining = {path for path in every_option_path if (project / path).exists()}
    assert ".gitlab-ci.yml" in remaining
    assert ".github" not in remaining
    assert "src/order_service/domain/orders" in remaining
    assert "src/order_service/domain/shared" in remaining
    assert remaining.isdisjoint(
        path.format(package="order_service") for path in post_gen.CUSTOMERS_PATHS
    )
    assert result.stdout.startswith(
        "Created order-service (order_service) in ./order-service\n"
        "Next steps:\n"
        "  cd order-service\n"
    )


# --------------------------------------------------------------------------------------
# post_gen_project
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ci", "expected"),
    [
        pytest.param("github", [".gitlab-ci.yml"], id="github"),
        pytest.param("gitlab", [".github"], id="gitlab"),
        pytest.param("none", [".github", ".gitlab-ci.yml"], id="none"),
    ],
)
def test_the_files_of_the_ci_providers_not_chosen_are_removed(ci: str, expected: list[str]) -> None:
    # Arrange
    context = answers(ci=ci)

    # Act
    paths = post_gen.paths_to_remove(context)

    # Assert
    assert [path for path in paths if path.startswith(".")] == expected


def test_every_path_in_the_option_table_exists_in_the_template() -> None:
    # Arrange
    paths = [path for paths in post_gen.OPTION_PATHS.values() for path in paths]

    # Act
    package_dir = "{{cookiecutter.package_name}}"
    missing = [p for p in paths if not (TEMPLATE_DIR / p.format(package=package_dir)).exists()]

    # Assert
    assert missing == []


def test_the_option_table_only_holds_plain_relative_paths_owned_by_one_value() -> None:
    # Arrange
    table = post_gen.OPTION_PATHS

    # Act
    result = post_gen.check_option_paths(table)

    # Assert
    assert result is None


@pytest.mark.parametrize(
    "table",
    [
        pytest.param({("ci", "github"): ("../outside",)}, id="escapes"),
        pytest.param({("ci", "github"): ("/etc",)}, id="absolute"),
        pytest.param({("ci", "github"): ("./.github",)}, id="not-normalised"),
        pytest.param({("ci", "github"): (".",)}, id="the-project-itself"),
        pytest.param({("ci", "github"): ("x",), ("example", "orders"): ("x",)}, id="two-fields"),
    ],
)
def test_a_malformed_option_table_is_a_template_bug(
    table: dict[tuple[str, str], tuple[str, ...]],
) -> None:
    # Arrange
    context = answers()

    # Act / Assert
    with pytest.raises(post_gen.TemplateBugError):
        post_gen.paths_to_remove(context, table)


def test_a_path_shared_by_two_values_is_kept_when_either_is_chosen() -> None:
    # Arrange
    table = {("ci", "github"): ("shared", "mine"), ("ci", "gitlab"): ("shared",)}

    # Act
    removed = {
        ci: post_gen.paths_to_remove(answers(ci=ci), table) for ci in ("github", "gitlab", "none")
    }

    # Assert
    assert removed == {"github": [], "gitlab": ["mine"], "none": ["shared", "mine"]}


@pytest.mark.parametrize(
    ("example", "kept", "removed"),
    [
        pytest.param("orders", "domain/orders", "domain/customers", id="orders"),
        pytest.param("customers", "domain/customers", "domain/orders", id="customers"),
        pytest.param("none", None, "domain/shared", id="none"),
    ],
)
def test_each_sample_keeps_its_own_files_and_the_package_name_is_filled_in(
    example: str, kept: str | None, removed: str
) -> None:
    # Arrange
    context = answers(example=example, package_name="billing")

    # Act
    paths = post_gen.paths_to_remove(context)

    # Assert
    assert f"src/billing/{removed}" in paths
    assert kept is None or f"src/billing/{kept}" not in paths
    assert not any("{package}" in path for path in paths)


def test_an_option_table_naming_an_unknown_variable_is_a_template_bug() -> None:
    # Arrange
    table = {("orchestrator", "k8s"): ("k8s",)}

    # Act / Assert
    with pytest.raises(post_gen.TemplateBugError, match="orchestrator"):
        post_gen.paths_to_remove(answers(), table)


def make_tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_remove_paths_deletes_listed_files_and_directories_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    # Arrange
    make_tree(tmp_path, [".github/workflows/ci.yml", ".gitlab-ci.yml", "Makefile", "src/app.py"])

    # Act
    post_gen.remove_paths(tmp_path, [".github", ".gitlab-ci.yml"])

    # Assert
    assert tree(tmp_path) == ["Makefile", "src", "src/app.py"]


def test_remove_paths_also_removes_the_directories_it_leaves_empty(tmp_path: Path) -> None:
    # Arrange
    make_tree(tmp_path, ["deploy/k8s/only.yaml", "docs/ci/only.md", "docs/keep.md"])

    # Act
    post_gen.remove_paths(tmp_path, ["deploy/k8s/only.yaml", "docs/ci/only.md"])

    # Assert
    assert tree(tmp_path) == ["docs", "docs/keep.md"]
    assert tmp_path.exists()


def test_a_listed_directory_and_files_listed_inside_it_are_all_removed(tmp_path: Path) -> None:
    # Arrange
    make_tree(tmp_path, ["pkg/schemas/orders.py", "pkg/schemas/customers.py", "pkg/keep.py"])

    # Act
    post_gen.remove_paths(
        tmp_path, ["pkg/schemas/orders.py", "pkg/schemas", "pkg/schemas/customers.py"]
    )

    # Assert
    assert tree(tmp_path) == ["pkg", "pkg/keep.py"]


def test_a_path_missing_from_the_generated_project_is_a_template_bug(tmp_path: Path) -> None:
    # Arrange
    make_tree(tmp_path, [".gitlab-ci.yml"])

    # Act
    with pytest.raises(post_gen.TemplateBugError, match=r"\.github"):
        post_gen.remove_paths(tmp_path, [".gitlab-ci.yml", ".github"])

    # Assert: nothing was removed before the bug was noticed
    assert tree(tmp_path) == [".gitlab-ci.yml"]


def test_remove_paths_refuses_paths_outside_the_project(tmp_path: Path) -> None:
    # Arrange
    project = tmp_path / "project"
    make_tree(tmp_path, ["victim.txt", "project/file.txt"])

    # Act
    with pytest.raises(ValueError, match="plain relative"):
        post_gen.remove_paths(project, ["../victim.txt"])

    # Assert
    assert (tmp_path / "victim.txt").exists()


def test_next_steps_explain_how_to_install_run_and_test() -> None:
    # Arrange
    context = answers(service_name="customer-service", package_name="customer_service")

    # Act
    message = post_gen.next_steps(context, "./customer-service")

    # Assert
    assert message.splitlines() == [
        "Created customer-service (customer_service) in ./customer-service",
        "Next steps:",
        "  cd customer-service",
        # The template's README: its quick start holds no Jinja.
        *(f"  {line}" for line in readme_quick_start(TEMPLATE_DIR)),
    ]


def test_next_steps_quote_a_location_the_shell_would_split() -> None:
    # Act
    message = post_gen.next_steps(answers(), "/srv/my projects/order-service")

    # Assert
    assert "  cd '/srv/my projects/order-service'" in message.splitlines()


def test_next_steps_for_postgresql_say_where_the_database_is_expected() -> None:
    # Arrange
    context = answers(database="postgresql")

    # Act
    lines = post_gen.next_steps(context, "./order-service").splitlines()

    # Assert
    assert lines[1] == "The service expects PostgreSQL at DATABASE_URL (see .env.example)."
    assert lines[2] == "Next steps:"


@pytest.mark.parametrize(
    ("project", "cwd", "expected"),
    [
        pytest.param("/work/out/svc", "/work/out", "./svc", id="below-cwd"),
        pytest.param("/work/out/svc", "/work", "./out/svc", id="deeper-below-cwd"),
        pytest.param("/elsewhere/svc", "/work", "/elsewhere/svc", id="outside-cwd"),
        pytest.param("/work/out/svc", None, "/work/out/svc", id="unknown-cwd"),
    ],
)
def test_the_project_location_is_shown_relative_to_the_shell_when_possible(
    project: str, cwd: str | None, expected: str
) -> None:
    # Arrange
    shell_dir = Path(cwd) if cwd is not None else None

    # Act
    shown = post_gen.display_path(Path(project), shell_dir)

    # Assert
    assert shown == expected


# --------------------------------------------------------------------------------------
# Through real cookiecutter
# --------------------------------------------------------------------------------------


@pytest.fixture
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory outside tmp_path for the user config and replay files."""
    return tmp_path_factory.mktemp("cookiecutter-home")


def write_config(config_dir: Path, default_context: dict[str, str] | None = None) -> Path:
    """A user config that keeps cookiecutter's replay files out of the real home directory."""
    config = {
        "cookiecutters_dir": str(config_dir / "cookiecutters"),
        "replay_dir": str(config_dir / "replay"),
        "default_context": default_context or {},
    }
    path = config_dir / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")  # JSON is valid YAML
    return path


def only_stderr_line(capfd: pytest.CaptureFixture[str]) -> str:
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("service_name", "Order Service", id="service-space"),
        pytest.param("service_name", "svc--x", id="service-double-hyphen"),
        pytest.param("package_name", "class", id="package-keyword"),
        pytest.param("description", 'say "hi"', id="description-quote"),
        pytest.param("author_email", "nobody", id="email"),
    ],
)
def test_cookiecutter_stops_on_an_invalid_answer_and_leaves_nothing_behind(
    field: str,
    value: str,
    tmp_path: Path,
    config_dir: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    # Arrange
    config_file = write_config(config_dir)

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            extra_context={field: value},
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )

    # Assert
    assert list(tmp_path.iterdir()) == []
    assert only_stderr_line(capfd).startswith(f"error: {field}={value!r} is invalid: ")


def test_a_service_name_escaping_the_output_dir_is_rejected_and_cleaned_up(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange: cookiecutter creates <output_dir>/../<name> before the hook runs
    output_dir = tmp_path / "output"
    output_dir.mkdir()
    config_file = write_config(config_dir)

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            extra_context={"service_name": "../evil"},
            output_dir=str(output_dir),
            config_file=str(config_file),
        )

    # Assert
    assert list(tmp_path.iterdir()) == [output_dir]
    assert list(output_dir.iterdir()) == []
    assert only_stderr_line(capfd).startswith("error: service_name='../evil' is invalid: ")


def test_a_service_name_with_a_slash_is_rejected_but_cookiecutter_leaves_its_empty_parent(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Pins a cookiecutter limitation rather than a wish.

    Cookiecutter creates <output_dir>/a/b (with parents), runs the hook there and on
    failure deletes only <output_dir>/a/b. The hook cannot remove "a" itself: it would
    have to remove "a/b" first, and cookiecutter's own rmtree of the now-missing
    project dir then raises FileNotFoundError instead of FailedHookException.
    """
    # Arrange
    config_file = write_config(config_dir)

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            extra_context={"service_name": "a/b"},
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )

    # Assert
    assert only_stderr_line(capfd).startswith("error: service_name='a/b' is invalid: ")
    assert [p.name for p in tmp_path.iterdir()] == ["a"]
    assert list((tmp_path / "a").iterdir()) == []


def test_an_empty_service_name_never_reaches_the_hook_without_overwrite(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange: the project dir would be output_dir itself, which already exists
    config_file = write_config(config_dir)

    # Act
    with pytest.raises(OutputDirExistsException):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            extra_context={"service_name": ""},
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )

    # Assert
    assert list(tmp_path.iterdir()) == []
    assert capfd.readouterr().err == ""


def test_an_empty_service_name_is_rejected_by_the_hook_with_overwrite(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange
    config_file = write_config(config_dir)

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            overwrite_if_exists=True,
            extra_context={"service_name": ""},
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )

    # Assert
    assert list(tmp_path.iterdir()) == []
    assert only_stderr_line(capfd).startswith("error: service_name='' is invalid: ")


def test_a_bad_package_name_from_the_user_config_file_is_rejected(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange
    config_file = write_config(config_dir, default_context={"package_name": "json"})

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT), no_input=True, output_dir=str(tmp_path), config_file=str(config_file)
        )

    # Assert
    assert list(tmp_path.iterdir()) == []
    assert only_stderr_line(capfd).startswith("error: package_name='json' is invalid: ")


def test_a_choice_outside_the_list_from_a_replay_file_is_rejected(
    tmp_path: Path, config_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange: replay answers skip cookiecutter's own choice checks entirely
    config_file = write_config(config_dir)
    replay_file = config_dir / "bad-answers.json"
    replay_file.write_text(
        json.dumps({"cookiecutter": {**rendered_defaults(), "ci": "jenkins"}}), encoding="utf-8"
    )

    # Act
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(REPO_ROOT),
            replay=str(replay_file),
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )

    # Assert
    assert list(tmp_path.iterdir()) == []
    assert only_stderr_line(capfd).startswith("error: ci='jenkins' is invalid: ")


def test_cookiecutter_itself_refuses_an_unknown_choice_in_extra_context(
    tmp_path: Path, config_dir: Path
) -> None:
    # Arrange
    config_file = write_config(config_dir)

    # Act / Assert: cookiecutter 2.7 raises before any hook runs
    with pytest.raises(ValueError, match="jenkins"):
        cookiecutter(
            str(REPO_ROOT),
            no_input=True,
            extra_context={"ci": "jenkins"},
            output_dir=str(tmp_path),
            config_file=str(config_file),
        )
    assert list(tmp_path.iterdir()) == []
