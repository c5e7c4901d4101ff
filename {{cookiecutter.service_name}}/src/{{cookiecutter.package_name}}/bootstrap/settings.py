"""The service's settings, read from the environment and, for local runs, a `.env` file."""

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
{% if cookiecutter.database == "postgresql" %}
SUPPORTED_DATABASE_URLS = ("postgresql+asyncpg://", "sqlite+aiosqlite://")
{%- else %}
SUPPORTED_DATABASE_URLS = ("sqlite+aiosqlite://",)
{%- endif %}
# A URL's password, as in `postgresql://user:password@host`: never written to the logs.
_URL_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")


class Settings(BaseModel):
    """Configuration from the environment (and a `.env` file), never from code.

    `load_settings()` reads each field from the upper-case variable of the same name:
    `DATABASE_URL`. Tests may build one directly, `Settings(database_url=...)`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    service_name: str = Field(default="{{ cookiecutter.service_name }}", min_length=1)
{%- if cookiecutter.database == "postgresql" %}
    database_url: str = "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/{{ cookiecutter.package_name }}"
{%- else %}
    database_url: str = "sqlite+aiosqlite:///./{{ cookiecutter.package_name }}.db"
{%- endif %}
    database_echo: bool = False
    database_pre_ping: bool = False
    database_pool_size: int = Field(default=10, ge=1)
    """Connections the pool keeps open; each request holds one for its transaction."""
    database_max_overflow: int = Field(default=0, ge=0)
    """Connections lent beyond the pool at busy times, each opened and closed per use."""
{%- if cookiecutter.broker == "rabbitmq" %}
    broker_url: str = "amqp://guest:guest@127.0.0.1:5672/"
{%- elif cookiecutter.broker == "nats" %}
    broker_url: str = "nats://127.0.0.1:4222"
{%- elif cookiecutter.broker == "redis" %}
    broker_url: str = "redis://127.0.0.1:6379/0"
{%- endif %}
    run_relay: bool = True
    """Whether the API process sends the outbox; False when a `worker` process does."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)

    @field_validator("database_url")
    @classmethod
    def _driver_is_supported(cls, value: str) -> str:
        if not value.startswith(SUPPORTED_DATABASE_URLS):
            supported = " or ".join(f"{prefix}..." for prefix in SUPPORTED_DATABASE_URLS)
            raise ValueError(f"must start with {supported}")
        return value


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
        value = _URL_PASSWORD.sub(r"\1***@", str(problem["input"]))
        lines.append(f"error: {variable}={value!r} is invalid: {rule}")
    return "\n".join(lines)


def read_env_file(path: Path) -> dict[str, str]:
    """The variables a `.env` file assigns; a name with no `=` assigns nothing."""
    # Imported here: deployed services have no `.env`, and start without the parser.
    from dotenv import dotenv_values

    return {name: value for name, value in dotenv_values(path).items() if value is not None}
