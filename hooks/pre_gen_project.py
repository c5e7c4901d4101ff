"""Validate the answers before cookiecutter renders the project.

Cookiecutter renders this file with Jinja before running it, but the module must
also import as plain Python for the unit tests, so the only template expression
lives inside ``main()``. Everything at module level is pure and typed.

On the first invalid answer (fields are checked in ``RULES`` order) exactly one
line is written to stderr and the process exits with status 1:

    error: <field>=<repr of value> is invalid: <rule in plain words>
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.errors import MessageError
from email.headerregistry import Address
from typing import Final

# The top-level modules installed in a generated project's environment, with every
# option, plus its `tests` package: a package of one of these names would shadow the real
# one on sys.path. `test_baked_projects.py` checks each bake's environment against it.
DEPENDENCY_NAMES: Final[frozenset[str]] = frozenset(
    {
        "aio_pika",
        "aiormq",
        "aiosqlite",
        "alembic",
        "annotated_doc",
        "annotated_types",
        "anyio",
        "ast_serialize",
        "asyncpg",
        "certifi",
        "cffi",
        "charset_normalizer",
        "click",
        "cryptography",
        "dependency_injector",
        "dotenv",
        "fast_depends",
        "fastapi",
        "faststream",
        "google",
        "greenlet",
        "grimp",
        "h11",
        "httpcore",
        "httptools",
        "httpx",
        "idna",
        "importlinter",
        "iniconfig",
        "jwt",
        "librt",
        "mako",
        "markdown_it",
        "markupsafe",
        "mdurl",
        "multidict",
        "mypy",
        "mypy_extensions",
        "mypyc",
        "nats",
        "opentelemetry",
        "packaging",
        "pamqp",
        "pathspec",
        "pluggy",
        "propcache",
        "py",
        "pycparser",
        "pydantic",
        "pydantic_core",
        "pygments",
        "pytest",
        "pytest_asyncio",
        "redis",
        "requests",
        "rich",
        "ruff",
        "sqlalchemy",
        "starlette",
        "tests",
        "typing_extensions",
        "typing_inspection",
        "urllib3",
        "uvicorn",
        "uvloop",
        "yarl",
    }
)

# Standard-library modules of a Python this template offers that the Python running
# cookiecutter may not have: removed in 3.12 (PEP 632, PEP 594's first) and 3.13 (PEP 594),
# and `test`, the standard library's own tests, which `sys.stdlib_module_names` leaves out.
STDLIB_NAMES: Final[frozenset[str]] = sys.stdlib_module_names | {
    "aifc",
    "asynchat",
    "asyncore",
    "audioop",
    "cgi",
    "cgitb",
    "chunk",
    "crypt",
    "distutils",
    "imghdr",
    "imp",
    "lib2to3",
    "mailcap",
    "msilib",
    "nis",
    "nntplib",
    "ossaudiodev",
    "pipes",
    "smtpd",
    "sndhdr",
    "spwd",
    "sunau",
    "telnetlib",
    "test",
    "uu",
    "xdrlib",
}

PYTHON_VERSIONS: Final[tuple[str, ...]] = ("3.11", "3.12", "3.13")
DATABASES: Final[tuple[str, ...]] = ("sqlite", "postgresql")
BROKERS: Final[tuple[str, ...]] = ("in-memory", "rabbitmq", "nats", "redis")
CI_PROVIDERS: Final[tuple[str, ...]] = ("github", "gitlab", "none")
EXAMPLES: Final[tuple[str, ...]] = ("orders", "customers", "none")

SERVICE_NAME_MAX_LENGTH: Final = 64
# Long enough for any real name, short enough that every import of it fits in 100 columns.
PACKAGE_NAME_MAX_LENGTH: Final = 30
TEXT_MAX_LENGTH: Final = 200

_SLUG: Final = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_PACKAGE: Final = re.compile(r"[a-z][a-z0-9_]*")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Control characters TOML forbids in a basic string (tab is allowed).
_TOML_CONTROL: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Check:
    """One rule: ``passes(value)`` must be true, else ``message`` says why not."""

    message: str
    passes: Callable[[str], bool]


def is_slug(value: str) -> bool:
    """Lowercase ASCII words of letters and digits joined by single hyphens."""
    return _SLUG.fullmatch(value) is not None


def is_lowercase_identifier(value: str) -> bool:
    """An ASCII, lowercase Python identifier starting with a letter, such as ``order_service``."""
    return value.isidentifier() and _PACKAGE.fullmatch(value) is not None


def is_single_line(value: str) -> bool:
    """No line break of any kind (``str.splitlines`` knows them all)."""
    return value.splitlines() == [value]


def has_no_control_characters(value: str) -> bool:
    """Nothing TOML would refuse in a basic string, apart from quotes and backslashes."""
    return _TOML_CONTROL.search(value) is None


def has_no_toml_specials(value: str) -> bool:
    """Neither a double quote nor a backslash."""
    return '"' not in value and "\\" not in value


def is_email(value: str) -> bool:
    """something@something.something, as the build backend reads it for the package's
    metadata (``email.headerregistry.Address``): ASCII before the @, no stray dots."""
    if _EMAIL.fullmatch(value) is None:
        return False
    try:
        Address(addr_spec=value)
    except (ValueError, MessageError):
        return False
    return True


def one_of(choices: tuple[str, ...]) -> Check:
    """A check that accepts exactly the given choices."""
    shown = ", ".join(repr(choice) for choice in choices)
    return Check(f"must be one of {shown}", lambda value: value in choices)


_TOML_SAFE: Final = Check(
    'must not contain a double quote (") or a backslash (\\), '
    "because the value is written into TOML strings",
    has_no_toml_specials,
)


# Free text that ends up in pyproject.toml, the README and the like.
_TEXT_CHECKS: Final = (
    Check("must not be empty or only whitespace", lambda value: value.strip() != ""),
    Check(
        "must not start or end with whitespace",
        lambda value: value == value.strip(),
    ),
    Check("must be a single line (no line breaks)", is_single_line),
    Check("must not contain control characters", has_no_control_characters),
    Check(
        f"must be at most {TEXT_MAX_LENGTH} characters",
        lambda value: len(value) <= TEXT_MAX_LENGTH,
    ),
    _TOML_SAFE,
)


# Field -> checks, in the order the fields are validated. The first failing
# check of the first failing field is the one reported.
RULES: Final[tuple[tuple[str, tuple[Check, ...]], ...]] = (
    (
        "service_name",
        (
            Check(
                f"must be at most {SERVICE_NAME_MAX_LENGTH} characters",
                lambda value: len(value) <= SERVICE_NAME_MAX_LENGTH,
            ),
            Check(
                "must be a lowercase slug of ASCII letters and digits in words joined by "
                "single hyphens, starting with a letter (e.g. order-service)",
                is_slug,
            ),
        ),
    ),
    (
        "package_name",
        (
            Check(
                f"must be at most {PACKAGE_NAME_MAX_LENGTH} characters",
                lambda value: len(value) <= PACKAGE_NAME_MAX_LENGTH,
            ),
            Check(
                "must be a lowercase ASCII Python identifier starting with a letter "
                "(a-z, 0-9 and _, e.g. order_service)",
                is_lowercase_identifier,
            ),
            Check("must not be a Python keyword", lambda value: not keyword.iskeyword(value)),
            Check(
                "must not shadow a Python standard-library module",
                lambda value: value not in STDLIB_NAMES,
            ),
            Check(
                "must not shadow a package the generated service depends on ("
                + ", ".join(sorted(DEPENDENCY_NAMES))
                + ")",
                lambda value: value not in DEPENDENCY_NAMES,
            ),
        ),
    ),
    ("description", _TEXT_CHECKS),
    ("author_name", _TEXT_CHECKS),
    (
        "author_email",
        (
            Check(
                "must be an email address the packaging tools accept (name@example.com: "
                "ASCII before the @, no leading, trailing or doubled dots)",
                is_email,
            ),
            _TOML_SAFE,
        ),
    ),
    ("python_version", (one_of(PYTHON_VERSIONS),)),
    ("database", (one_of(DATABASES),)),
    ("broker", (one_of(BROKERS),)),
    ("ci", (one_of(CI_PROVIDERS),)),
    ("example", (one_of(EXAMPLES),)),
)


def error_line(field: str, value: object, message: str) -> str:
    """The single line reported for an invalid field; ``repr`` keeps it on one line."""
    return f"error: {field}={value!r} is invalid: {message}"


def validate(context: Mapping[str, object]) -> str | None:
    """Return the error line for the first invalid field, or ``None`` if all are valid."""
    for field, checks in RULES:
        if field not in context:
            return f"error: {field} is invalid: must be provided"
        value = context[field]
        if not isinstance(value, str):
            return error_line(field, value, "must be a string")
        for check in checks:
            if not check.passes(value):
                return error_line(field, value, check.message) + _derived(context, field)
    return None


def _derived(context: Mapping[str, object], field: str) -> str:
    """A note when the bad package name is the one derived from the service name, which
    the user may never have typed."""
    service_name = context.get("service_name")
    if field != "package_name" or not isinstance(service_name, str):
        return ""
    if context["package_name"] != service_name.lower().replace("-", "_").replace(" ", "_"):
        return ""
    return "; it comes from service_name: answer package_name to choose another"


def main() -> None:
    """Entry point when cookiecutter runs the rendered hook."""
    # Jinja's tojson escapes every ' as \u0027, so this single-quoted raw literal cannot be
    # cut short by any answer; fmt: skip stops the formatter from switching it to ".
    context = json.loads(r'{{ cookiecutter | tojson }}')  # fmt: skip
    error = validate(context)
    if error is not None:
        print(error, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
