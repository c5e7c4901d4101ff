"""Prune the files of unselected options, then print the next steps.

Cookiecutter renders this file with Jinja and runs it with the generated project
as the working directory. The module must also import as plain Python for the
unit tests, so the only template expression lives inside ``main()``.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Final

# The sample bounded contexts: what each one adds to the skeleton. `{package}` stands for
# the package directory's name.
ORDERS_PATHS: Final = (
    "src/{package}/domain/orders",
    "src/{package}/application/ports/order_repository.py",
    "src/{package}/application/ports/orders_unit_of_work.py",
    "src/{package}/application/ports/order_reader.py",
    "src/{package}/application/use_cases/orders",
    "src/{package}/application/event_handlers",
    "src/{package}/adapters/outbound/persistence/orders",
    "src/{package}/adapters/inbound/rest/routes/orders.py",
    "src/{package}/adapters/inbound/rest/schemas/orders.py",
    "src/{package}/bootstrap/orders_container.py",
    "migrations/versions/0002_orders.py",
    "tests/unit/domain/orders",
    "tests/unit/application/orders",
    "tests/integration/persistence/orders",
    "tests/e2e/orders",
    "src/{package}/adapters/outbound/messaging/order_events.py",
    "src/{package}/adapters/inbound/messaging/customer_answers.py",
    "tests/unit/adapters/orders",
    "docs/events/orders.md",
    "docs/events/orders.order_approved.v1.schema.json",
    "docs/events/orders.order_rejected.v1.schema.json",
    "docs/events/orders.asyncapi.json",
)
CUSTOMERS_PATHS: Final = (
    "src/{package}/domain/customers",
    "src/{package}/application/ports/customer_repository.py",
    "src/{package}/application/ports/customers_unit_of_work.py",
    "src/{package}/application/use_cases/customers",
    "src/{package}/adapters/outbound/persistence/customers",
    "src/{package}/adapters/inbound/rest/routes/customers.py",
    "src/{package}/adapters/inbound/rest/schemas/customers.py",
    "src/{package}/bootstrap/customers_container.py",
    "migrations/versions/0002_customers.py",
    "tests/unit/domain/customers",
    "tests/unit/application/customers",
    "tests/integration/persistence/customers",
    "tests/e2e/customers",
    "src/{package}/adapters/outbound/messaging/customer_events.py",
    "src/{package}/adapters/inbound/messaging/order_events.py",
    "tests/unit/adapters/customers",
    "docs/events/customers.md",
    "docs/events/customers.customer_registered.v1.schema.json",
    "docs/events/customers.credit_released.v1.schema.json",
    "docs/events/customers.asyncapi.json",
)
# What both samples use and the bare skeleton does not.
SAMPLE_PATHS: Final = (
    "src/{package}/domain/shared",
    "src/{package}/adapters/outbound/persistence/money.py",
    "src/{package}/adapters/inbound/rest/schemas",
    "tests/unit/domain/shared",
    "src/{package}/adapters/outbound/messaging/published_language.py",
    "src/{package}/adapters/inbound/messaging/published_language.py",
    "scripts/export_event_schemas.py",
    "tests/unit/adapters/test_event_schemas.py",
    "docs/events/orders.order_placed.v1.schema.json",
    "docs/events/orders.order_cancelled.v1.schema.json",
    "docs/events/customers.credit_reserved.v1.schema.json",
    "docs/events/customers.credit_limit_exceeded.v1.schema.json",
    "docs/events/customers.credit_refused_for_unknown_customer.v1.schema.json",
    "docs/events/customers.credit_refused_for_currency.v1.schema.json",
)

# The brokers with a server: each one's adapters, wiring and tests against that server.
# The in-memory broker stays in every project: the end-to-end tests run on it.
BROKER_HEALTH_CHECK: Final = "src/{package}/adapters/outbound/messaging/broker_health_check.py"
# In-memory dead letters live and die with the process that buried them: nothing to replay.
DEAD_LETTER_REPLAY: Final = (
    "src/{package}/application/ports/dead_letter_backlog.py",
    "src/{package}/application/delivery/dead_letter_replay.py",
    "src/{package}/bootstrap/dead_letters.py",
    "tests/unit/application/test_dead_letter_replay.py",
    "tests/dead_letter_backlog_contract.py",
    "tests/integration/bootstrap/test_dead_letters.py",
)
RABBITMQ_PATHS: Final = (
    "src/{package}/adapters/outbound/messaging/rabbitmq_publisher.py",
    "src/{package}/adapters/outbound/messaging/rabbitmq_dead_letters.py",
    "src/{package}/adapters/inbound/messaging/rabbitmq_subscriber.py",
    "src/{package}/bootstrap/brokers/rabbitmq.py",
    "tests/integration/messaging/rabbitmq",
    BROKER_HEALTH_CHECK,
    *DEAD_LETTER_REPLAY,
)
NATS_PATHS: Final = (
    "src/{package}/adapters/outbound/messaging/nats_publisher.py",
    "src/{package}/adapters/outbound/messaging/nats_dead_letters.py",
    "src/{package}/adapters/inbound/messaging/nats_subscriber.py",
    "src/{package}/bootstrap/brokers/nats.py",
    "tests/integration/messaging/nats",
    BROKER_HEALTH_CHECK,
    *DEAD_LETTER_REPLAY,
)
REDIS_PATHS: Final = (
    "src/{package}/adapters/outbound/messaging/redis_publisher.py",
    "src/{package}/adapters/outbound/messaging/redis_dead_letters.py",
    "src/{package}/adapters/inbound/messaging/redis_subscriber.py",
    "src/{package}/bootstrap/brokers/redis.py",
    "tests/integration/messaging/redis",
    BROKER_HEALTH_CHECK,
    *DEAD_LETTER_REPLAY,
)

# (field, value) -> paths, relative to the generated project, that exist only for that
# value. A path listed under several values of one field is kept when any of them is
# chosen; every other path is removed when its value is not the chosen one.
OPTION_PATHS: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("ci", "github"): (".github",),
    ("ci", "gitlab"): (".gitlab-ci.yml",),
    ("database", "postgresql"): ("tests/integration/persistence/test_postgresql_urls.py",),
    ("broker", "rabbitmq"): RABBITMQ_PATHS,
    ("broker", "nats"): NATS_PATHS,
    ("broker", "redis"): REDIS_PATHS,
    ("example", "orders"): ORDERS_PATHS + SAMPLE_PATHS,
    ("example", "customers"): CUSTOMERS_PATHS + SAMPLE_PATHS,
}


class TemplateBugError(Exception):
    """The option table and the template disagree; this is never the user's fault."""


def is_plain_relative_path(path: str) -> bool:
    """A normalised POSIX path strictly inside its root: no ``/x``, ``..``, ``.`` or ``a//b``."""
    pure = PurePosixPath(path)
    return not pure.is_absolute() and ".." not in pure.parts and str(pure) == path != "."


def check_option_paths(table: Mapping[tuple[str, str], tuple[str, ...]]) -> None:
    """Reject tables with absolute, escaping or non-normalised paths, or a path claimed by
    two different fields (which of them would decide whether it stays?)."""
    owner_field: dict[str, str] = {}
    for (field, value), paths in table.items():
        for path in paths:
            if not is_plain_relative_path(path.format(package="package")):
                msg = f"OPTION_PATHS[{field!r}, {value!r}]: {path!r} is not a plain relative path"
                raise TemplateBugError(msg)
            if owner_field.setdefault(path, field) != field:
                msg = f"OPTION_PATHS: {path!r} is listed under more than one field"
                raise TemplateBugError(msg)


def paths_to_remove(
    context: Mapping[str, object],
    table: Mapping[tuple[str, str], tuple[str, ...]] = OPTION_PATHS,
) -> list[str]:
    """Paths none of whose owning option values was chosen, in table order."""
    check_option_paths(table)
    kept: set[str] = set()
    listed: list[str] = []
    for (field, value), paths in table.items():
        if field not in context:
            msg = f"OPTION_PATHS refers to {field!r}, which is not a cookiecutter variable"
            raise TemplateBugError(msg)
        for path in paths:
            if path not in listed:
                listed.append(path)
            if context[field] == value:
                kept.add(path)
    package = str(context.get("package_name", ""))
    return [path.format(package=package) for path in listed if path not in kept]


def _remove_empty_parents(path: Path, root: Path) -> None:
    """Remove ``path``'s ancestors strictly below ``root`` for as long as they are empty."""
    for parent in path.parents:
        if parent == root or not parent.is_relative_to(root):
            return
        if not parent.exists():
            continue  # removed itself, as a listed directory
        if any(parent.iterdir()):
            return
        parent.rmdir()


def remove_paths(root: Path, paths: Iterable[str]) -> None:
    """Delete files or directory trees under ``root``, then any directory left empty.

    Every path must exist: a missing one means the table is out of date with the
    template, so nothing is removed and ``TemplateBugError`` is raised.
    """
    root = root.resolve()
    relative = list(paths)
    outside = [path for path in relative if not is_plain_relative_path(path)]
    if outside:
        msg = f"refusing to remove paths that are not plain relative paths: {outside}"
        raise ValueError(msg)
    targets = [root / path for path in relative]
    missing = [str(t.relative_to(root)) for t in targets if not os.path.lexists(t)]
    if missing:
        msg = f"paths listed in OPTION_PATHS are missing from the template: {missing}"
        raise TemplateBugError(msg)
    for target in targets:
        if not os.path.lexists(target):
            continue  # inside a directory removed a moment ago
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    for target in targets:
        _remove_empty_parents(target, root)


def display_path(project_dir: Path, cwd: Path | None) -> str:
    """``./name`` when the project is below ``cwd``, else the absolute path."""
    if cwd is not None and project_dir.is_relative_to(cwd) and project_dir != cwd:
        return f"./{project_dir.relative_to(cwd).as_posix()}"
    return str(project_dir)


def next_steps(context: Mapping[str, object], location: str) -> str:
    """The message printed once the project exists at ``location``."""
    service, package = context["service_name"], context["package_name"]
    lines = [f"Created {service} ({package}) in {location}"]
    if context["database"] == "postgresql":
        lines.append("The service expects PostgreSQL at DATABASE_URL (see .env.example).")
    lines += [
        "Next steps:",
        f"  cd {shlex.quote(location.removeprefix('./'))}",
        # The quick start that opens the project's README, word for word.
        "  make install       # set up with uv",
        "  make token         # a development key in .env, and an access token for the API",
        "  make run           # migrate the database, serve on http://127.0.0.1:8000",
        "  make test          # unit, integration, end-to-end and architecture tests",
    ]
    return "\n".join(lines)


def main() -> None:
    """Entry point when cookiecutter runs the rendered hook inside the new project."""
    # Jinja's tojson escapes every ' as \u0027, so this single-quoted raw literal cannot be
    # cut short by any answer; fmt: skip stops the formatter from switching it to ".
    context = json.loads(r'{{ cookiecutter | tojson }}')  # fmt: skip
    project_dir = Path.cwd()
    try:
        remove_paths(project_dir, paths_to_remove(context))
    except TemplateBugError as error:
        print(f"error: template bug: {error}", file=sys.stderr)
        sys.exit(1)
    # PWD is the shell's directory, which cookiecutter does not change; without it
    # the absolute path is shown.
    shell_dir = os.environ.get("PWD")
    cwd = Path(shell_dir).resolve() if shell_dir else None
    print(next_steps(context, display_path(project_dir, cwd)))


if __name__ == "__main__":
    main()
