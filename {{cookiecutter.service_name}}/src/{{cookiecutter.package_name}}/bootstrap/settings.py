"""The service's settings, read from the environment and, for local runs, a `.env` file."""

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
{%- if cookiecutter.broker != "in-memory" %}
from urllib.parse import urlsplit
{%- endif %}

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError
{% if cookiecutter.database == "postgresql" %}
SUPPORTED_DATABASE_URLS = ("postgresql+asyncpg://", "sqlite+aiosqlite://")
{%- else %}
SUPPORTED_DATABASE_URLS = ("sqlite+aiosqlite://",)
{%- endif %}
{%- if cookiecutter.broker == "rabbitmq" %}
SUPPORTED_BROKER_URLS = ("amqp://", "amqps://")
{%- elif cookiecutter.broker == "nats" %}
SUPPORTED_BROKER_URLS = ("nats://", "tls://")
{%- elif cookiecutter.broker == "redis" %}
SUPPORTED_BROKER_URLS = ("redis://", "rediss://")
{%- endif %}
# A URL's password, as in `postgresql://user:password@host`: never written to the logs.
# Up to the last `@`, since a password pasted unencoded may hold `@` or `/` itself.
_URL_PASSWORD = re.compile(r"(://[^/@:]*:).*@")


class Settings(BaseModel):
    """Configuration from the environment (and a `.env` file), never from code.

    `load_settings()` reads each field from the upper-case variable of the same name:
    `DATABASE_URL`. Tests may build one directly, `Settings(database_url=...)`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    service_name: str = Field(
        default="{{ cookiecutter.service_name }}",
        min_length=1,
    )
{%- if cookiecutter.database == "postgresql" %}
    # A call with a trailing comma, which the formatter keeps as it is for any package name.
    database_url: str = Field(
        default="postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/{{ cookiecutter.package_name }}",
    )
{%- else %}
    database_url: str = "sqlite+aiosqlite:///./{{ cookiecutter.package_name }}.db"
{%- endif %}
    database_echo: bool = False
    database_pre_ping: bool = False
    database_pool_size: int = Field(default=10, ge=1)
    """Connections the pool keeps open; each request holds one for its transaction."""
    database_max_overflow: int = Field(default=0, ge=0)
    """Connections lent beyond the pool at busy times, each opened and closed per use."""
    database_timeout_seconds: float = Field(default=5.0, gt=0, allow_inf_nan=False)
    """The longest each wait on the database may be (for a pooled connection, to connect,
    for a statement, for a lock) before the request is answered 503."""
{%- if cookiecutter.broker == "rabbitmq" %}
    broker_url: str = "amqp://guest:guest@127.0.0.1:5672/"
{%- elif cookiecutter.broker == "nats" %}
    broker_url: str = "nats://127.0.0.1:4222"
{%- elif cookiecutter.broker == "redis" %}
    broker_url: str = "redis://127.0.0.1:6379/0"
{%- endif %}
    run_relay: bool = True
    """Whether the API process sends the outbox; False when a `worker` process does."""
    outbox_retention_days: int = Field(default=7, ge=1, le=3650)
    """Days a sent message stays in the outbox, for looking into a flow, before it is deleted
    (ten years at most, as for each retention: the dates stay within the calendar)."""
    inbox_retention_days: int = Field(default=30, ge=1, le=3650)
    """Days a handled message stays known to the inbox: a copy delivered later than that
    would be handled again."""
    idempotency_key_retention_hours: int = Field(default=24, ge=1, le=87_600)
    """Hours a request's `Idempotency-Key` stays known (ten years at most): the same request
    sent again later than that would be carried out again."""
{%- if cookiecutter.example == "orders" %}
    pending_order_timeout_minutes: int = Field(default=60, ge=1, le=525_600)
    """Minutes an order waits for the customer service's answer about credit (a year at
    most); then it is cancelled, and any credit reserved for it released."""
{%- endif %}
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    readiness_timeout_seconds: float = Field(default=2.0, gt=0, allow_inf_nan=False)

    @field_validator("database_url")
    @classmethod
    def _database_url_is_supported(cls, value: str) -> str:
        _check_prefix(value, SUPPORTED_DATABASE_URLS)
        try:
            make_url(value)
        except (ArgumentError, ValueError) as error:
            raise ValueError(f"is not a URL SQLAlchemy can read: {error}") from None
        return value
{%- if cookiecutter.broker != "in-memory" %}

    @field_validator("broker_url")
    @classmethod
    def _broker_url_is_supported(cls, value: str) -> str:
        _check_prefix(value, SUPPORTED_BROKER_URLS)
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - reading it checks it
        except ValueError as error:
            raise ValueError(f"is not a URL: {error}") from None
        if not parts.hostname:
            raise ValueError("names no host")
        return value
{%- endif %}

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level_in_any_case(cls, value: Any) -> Any:
        # Uvicorn's own `--log-level` is lower case: accept either.
        return value.upper() if isinstance(value, str) else value


def _check_prefix(url: str, supported: tuple[str, ...]) -> None:
    if not url.startswith(supported):
        raise ValueError(f"must start with {' or '.join(f'{prefix}...' for prefix in supported)}")


class InvalidSettingsError(SystemExit):
    """Settings the service cannot start with.

    Like a bad command-line argument to argparse, it ends the process with its message and
    no traceback: a line per bad variable, naming it, its value and the rule it breaks.
    """


def load_settings(
    environment: Mapping[str, str] = os.environ, env_file: Path = Path(".env")
) -> Settings:
    """The settings named in `environment`, over those in `env_file` when there is one.

    Variables that name no setting are left alone: the environment holds much else. Raises
    `InvalidSettingsError` when a value breaks a rule.
    """
    variables = dict(environment)
    if env_file.is_file():
        variables = read_env_file(env_file) | variables
    fields = {field.upper(): field for field in Settings.model_fields}
    try:
        return Settings.model_validate(
            {fields[name]: value for name, value in variables.items() if name in fields}
        )
    except ValidationError as error:
        raise InvalidSettingsError(_explained(error)) from None


def _explained(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        variable = str(problem["loc"][0]).upper()
        rule = problem["msg"].removeprefix("Value error, ").replace("Input should", "should")
        value = _without_password(str(problem["input"]))
        lines.append(f"error: {variable}={value!r} is invalid: {rule}")
    return "\n".join(lines)


def _without_password(text: str) -> str:
    return _URL_PASSWORD.sub(r"\1***@", text)


def read_env_file(path: Path) -> dict[str, str]:
    """The variables a `.env` file assigns; a name with no `=` assigns nothing.

    Raises `InvalidSettingsError` naming each line the parser cannot read: skipped, an
    unclosed quote in `DATABASE_URL="...` would leave the default URL in its place.
    """
    # Imported here: deployed services have no `.env`, and start without the parser.
    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    text = path.read_text(encoding="utf-8")
    unreadable = [binding.original for binding in parse_stream(io.StringIO(text)) if binding.error]
    if unreadable:
        raise InvalidSettingsError(
            "\n".join(
                f"error: {path} line {original.line} is invalid: should be NAME=value,"
                f" got {_without_password(original.string.splitlines()[0])!r}"
                for original in unreadable
            )
        )
    variables = dotenv_values(stream=io.StringIO(text))
    return {name: value for name, value in variables.items() if value is not None}
