"""The service's settings, read from the environment and, for local runs, a `.env` file."""

import io
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import verifying_key

SERVICE_NAME_MAX_LENGTH = 64
"""As long as a generated service's name may be; it fits the inbox's column of 100."""
_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
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
# The secrets a URL may carry, never written to the logs: the password of
# `postgresql://user:password@host`, up to the last `@`, since a password pasted unencoded
# may hold `@` or `/` itself; a NATS token, `nats://token@host`; and a password or token
# given in the query, `?password=...`.
_URL_PASSWORD = re.compile(r"(://[^/@:]*:).*@")
_URL_TOKEN = re.compile(r"((?:nats|tls)://)[^/@:]+@")
_QUERY_SECRET = re.compile(r"([?&](?:(?:ssl)?password|token)=)[^&#\s]*", re.IGNORECASE)


class Settings(BaseModel):
    """Configuration from the environment (and a `.env` file), never from code.

    `load_settings()` reads each field from the upper-case variable of the same name:
    `DATABASE_URL`. Tests may build one directly, `Settings(database_url=...)`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    service_name: str = Field(
        default="{{ cookiecutter.service_name }}",
    )
    """The OpenAPI title, and the name of the service's queue, durable consumer or consumer
    group on the broker and of its entries in the inbox: a slug, as when it was generated."""
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
    max_request_body_bytes: int = Field(default=1_048_576, ge=1, le=1_073_741_824)
    """The longest request body the API reads (1 MiB; 1 GiB at most): a longer one gets 413
    before it is read."""
    jwt_public_key: str = ""
    """The public key (PEM: RSA, EC or Ed25519) of the gateway that signs access tokens; a
    `\\n` may stand for each line break. Empty, no token passes: each API route answers 401,
    and only the health probes answer."""
    jwt_jwks_url: str = ""
    """Instead of `jwt_public_key`: the URL of the JSON Web Key Set where the gateway
    publishes its keys, for a gateway that rotates them (`https://gateway/.well-known/
    jwks.json`)."""
    jwt_issuer: str = ""
    """The `iss` every access token must carry; empty, any (the key names the signer)."""
    jwt_audience: str = ""
    """The `aud` every access token must carry; empty, the service's name."""
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
    otel_exporter_otlp_endpoint: str = ""
    """The OpenTelemetry collector that spans go to over OTLP/HTTP (`http://collector:4318`);
    empty, the service records no spans, and hands on the trace context it is given."""
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
        _check_server_url(value, SUPPORTED_BROKER_URLS)
        return value
{%- endif %}

    @field_validator("service_name")
    @classmethod
    def _service_name_is_a_slug(cls, value: str) -> str:
        # The brokers' own rules differ (RabbitMQ reserves `amq.`, NATS refuses dots): a
        # slug passes them all, and fits the inbox's column.
        if len(value) > SERVICE_NAME_MAX_LENGTH or not _SLUG.fullmatch(value):
            raise ValueError(
                "must be a lowercase slug of ASCII letters and digits in words joined by"
                f" single hyphens, starting with a letter, at most {SERVICE_NAME_MAX_LENGTH}"
                " characters (e.g. order-service)"
            )
        return value

    @field_validator("jwt_public_key")
    @classmethod
    def _jwt_public_key_is_one(cls, value: str) -> str:
        # One line in an environment variable or `.env`, written with `\n`s, is taken too.
        pem = value.replace("\\n", "\n").strip()
        if pem:
            verifying_key(pem)
        return pem

    @field_validator("jwt_jwks_url")
    @classmethod
    def _jwt_jwks_url_is_the_one_source(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            return value
        if info.data.get("jwt_public_key"):
            raise ValueError(
                "cannot be set with JWT_PUBLIC_KEY: the gateway's keys come from one or the other"
            )
        _check_server_url(value, ("https://", "http://"))
        return value

    @field_validator("otel_exporter_otlp_endpoint")
    @classmethod
    def _otel_exporter_otlp_endpoint_is_a_server(cls, value: str) -> str:
        if value:
            _check_server_url(value, ("https://", "http://"))
        return value

    @property
    def token_audience(self) -> str:
        """The audience access tokens must name: `jwt_audience`, or the service's name."""
        return self.jwt_audience or self.service_name

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level_in_any_case(cls, value: Any) -> Any:
        # Uvicorn's own `--log-level` is lower case: accept either.
        return value.upper() if isinstance(value, str) else value


def _check_prefix(url: str, supported: tuple[str, ...]) -> None:
    if not url.startswith(supported):
        raise ValueError(f"must start with {' or '.join(f'{prefix}...' for prefix in supported)}")


def _check_server_url(url: str, supported: tuple[str, ...]) -> None:
    """`url` starts with a `supported` prefix and names a host, and a port if any."""
    _check_prefix(url, supported)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError as error:
        raise ValueError(f"is not a URL: {error}") from None
    if not parts.hostname:
        raise ValueError("names no host")


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
    `InvalidSettingsError` when a value breaks a rule, or when `env_file`, which holds
    nothing but settings, names one that does not exist.
    """
    fields = {field.upper(): field for field in Settings.model_fields}
    variables = dict(environment)
    if env_file.is_file():
        from_file = read_env_file(env_file)
        _refuse_unknown_names(from_file, env_file, fields)
        variables = from_file | variables
    given = {fields[name]: value for name, value in variables.items() if name in fields}
    try:
        return Settings.model_validate(given)
    except ValidationError as error:
        raise InvalidSettingsError(_explained(error, given)) from None


def _refuse_unknown_names(variables: Mapping[str, str], path: Path, names: Collection[str]) -> None:
    # Nothing else reads the file, so a name no setting has is a typo, which would
    # otherwise leave the setting at its default without a word.
    unknown = [
        f"error: {path} sets {name}={without_secrets(value)!r}, which names no setting"
        f"{_suggestion(name, names)}"
        for name, value in variables.items()
        if name not in names
    ]
    if unknown:
        raise InvalidSettingsError("\n".join(unknown))


def _suggestion(name: str, names: Collection[str]) -> str:
    import difflib  # only for a misspelt name: every start-up would import it otherwise

    close = difflib.get_close_matches(name.upper(), names, n=1)
    return f"; did you mean {close[0]}?" if close else " (.env.example lists them all)"


def _explained(error: ValidationError, given: Mapping[str, str]) -> str:
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0])
        rule = problem["msg"].removeprefix("Value error, ").replace("Input should", "should")
        # As it was given, not as a validator before the rule made it (`LOG_LEVEL`'s case).
        value = without_secrets(given.get(field, str(problem["input"])))
        variable = field.upper()
        lines.append(f"error: {variable}={value!r} is invalid: {rule}")
    return "\n".join(lines)


def without_secrets(text: str) -> str:
    """`text` with the secrets of any URL in it shown as `***`."""
    text = _URL_PASSWORD.sub(r"\1***@", text)
    text = _URL_TOKEN.sub(r"\1***@", text)
    return _QUERY_SECRET.sub(r"\1***", text)


def read_env_file(path: Path) -> dict[str, str]:
    """The variables a `.env` file assigns; a name with no `=` assigns nothing.

    Raises `InvalidSettingsError` naming each line the parser cannot read: skipped, an
    unclosed quote in `DATABASE_URL="...` would leave the default URL in its place.
    """
    # Imported here: deployed services have no `.env`, and start without the parser.
    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidSettingsError(
            f"error: {path} is invalid: should be UTF-8 text,"
            f" got byte {error.object[error.start]:#04x} at offset {error.start}"
        ) from None
    unreadable = [binding.original for binding in parse_stream(io.StringIO(text)) if binding.error]
    if unreadable:
        raise InvalidSettingsError(
            "\n".join(
                f"error: {path} line {original.line} is invalid: should be NAME=value,"
                f" got {without_secrets(original.string.splitlines()[0])!r}"
                for original in unreadable
            )
        )
    variables = dotenv_values(stream=io.StringIO(text))
    return {name: value for name, value in variables.items() if value is not None}
