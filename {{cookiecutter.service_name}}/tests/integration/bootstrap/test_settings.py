"""Settings come from the environment; a bad value stops the service with one clear error."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from {{cookiecutter.package_name}}.bootstrap.settings import (
{%- if cookiecutter.broker != "in-memory" %}
    SUPPORTED_BROKER_URLS,
{%- endif %}
    InvalidSettingsError,
    Settings,
    load_settings,
    read_env_file,
    without_secrets,
)

from tests.access_tokens import GATEWAY_PUBLIC_KEY


@pytest.fixture
def no_env_file(tmp_path: Path) -> Path:
    return tmp_path / ".env"


def test_each_setting_comes_from_its_upper_case_variable(no_env_file: Path) -> None:
    settings = load_settings(
        {"DATABASE_POOL_SIZE": "4", "DATABASE_MAX_OVERFLOW": "2", "RUN_RELAY": "false"},
        no_env_file,
    )

    assert (settings.database_pool_size, settings.database_max_overflow) == (4, 2)
    assert settings.run_relay is False


def test_a_setting_no_variable_names_keeps_its_default(no_env_file: Path) -> None:
    assert load_settings({"PATH": "/usr/bin", "HOME": "/root"}, no_env_file) == Settings()


def test_the_env_file_fills_in_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# local overrides\nLOG_LEVEL=DEBUG\nDATABASE_POOL_SIZE=3\nNOT_ASSIGNED\n",
        encoding="utf-8",
    )

    settings = load_settings({"DATABASE_POOL_SIZE": "7"}, env_file)

    assert (settings.log_level, settings.database_pool_size) == ("DEBUG", 7)


@pytest.mark.parametrize(
    ("variable", "value", "rule"),
    [
        ("DATABASE_POOL_SIZE", "0", "should be greater than or equal to 1"),
        ("DATABASE_POOL_SIZE", "ten", "should be a valid integer"),
        ("DATABASE_MAX_OVERFLOW", "-1", "should be greater than or equal to 0"),
        ("DATABASE_TIMEOUT_SECONDS", "0", "should be greater than 0"),
        ("DATABASE_TIMEOUT_SECONDS", "inf", "should be a finite number"),
        ("DATABASE_URL", "mysql://127.0.0.1/service", "must start with"),
        ("DATABASE_URL", "sqlite+aiosqlite://db:port/x.db", "is not a URL SQLAlchemy can read"),
        ("RUN_RELAY", "maybe", "should be a valid boolean"),
        ("OUTBOX_RETENTION_DAYS", "0", "should be greater than or equal to 1"),
        ("INBOX_RETENTION_DAYS", "a month", "should be a valid integer"),
        ("OUTBOX_RETENTION_DAYS", "9" * 10, "should be less than or equal to 3650"),
        ("IDEMPOTENCY_KEY_RETENTION_HOURS", "0", "should be greater than or equal to 1"),
        ("IDEMPOTENCY_KEY_RETENTION_HOURS", "87601", "should be less than or equal to 87600"),
{%- if cookiecutter.example == "orders" %}
        ("PENDING_ORDER_TIMEOUT_MINUTES", "0", "should be greater than or equal to 1"),
        ("PENDING_ORDER_TIMEOUT_MINUTES", "9" * 12, "should be less than or equal to 525600"),
{%- endif %}
        ("LOG_LEVEL", "loud", "should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
        ("READINESS_TIMEOUT_SECONDS", "0", "should be greater than 0"),
        ("READINESS_TIMEOUT_SECONDS", "inf", "should be a finite number"),
        ("READINESS_TIMEOUT_SECONDS", "nan", "should be a finite number"),
        ("SERVICE_NAME", "", "must be a lowercase slug"),
        ("SERVICE_NAME", "amq.events", "must be a lowercase slug"),
        ("SERVICE_NAME", "s" * 65, "at most 64 characters"),
        ("JWT_PUBLIC_KEY", "secret", "should be a PEM public key"),
        ("JWT_JWKS_URL", "gateway/jwks.json", "must start with https://... or http://..."),
        ("JWT_JWKS_URL", "https:///jwks.json", "names no host"),
        ("JWT_JWKS_URL", "https://[gateway/jwks.json", "is not a URL"),
        ("JWT_JWKS_URL", "https://gateway:99999/jwks.json", "is not a URL"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "must start with https://..."),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://:4318", "names no host"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable_the_value_and_the_rule(
    no_env_file: Path, variable: str, value: str, rule: str
) -> None:
    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({variable: value}, no_env_file)

    [line] = str(raised.value).splitlines()
    assert line.startswith(f"error: {variable}={value!r} is invalid: ")
    assert rule in line


def test_each_bad_variable_gets_its_own_line_in_the_order_of_the_settings(
    no_env_file: Path,
) -> None:
    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({"LOG_LEVEL": "LOUD", "DATABASE_POOL_SIZE": "0"}, no_env_file)

    assert [line.split("=")[0] for line in str(raised.value).splitlines()] == [
        "error: DATABASE_POOL_SIZE",
        "error: LOG_LEVEL",
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://app:s3cret@db/x", "postgresql://app:***@db/x"),
        ("postgresql://app@db/x?password=s3cret&ssl=1", "postgresql://app@db/x?password=***&ssl=1"),
        ("nats://s3cretToken@127.0.0.1:4222", "nats://***@127.0.0.1:4222"),
        ("nats://app:s3cret@127.0.0.1:4222", "nats://app:***@127.0.0.1:4222"),
        ("redis://:s3cret@127.0.0.1/0?Token=s3cret", "redis://:***@127.0.0.1/0?Token=***"),
        ("postgresql://app@db/x?sslpassword=s3cret", "postgresql://app@db/x?sslpassword=***"),
    ],
)
def test_every_secret_a_url_may_carry_is_hidden(text: str, shown: str) -> None:
    assert without_secrets(text) == shown


@pytest.mark.parametrize("password", ["s3cret", "s3c/ret", "s3c@ret", "s3c:r@t/"])
def test_a_bad_url_is_shown_without_its_password(no_env_file: Path, password: str) -> None:
    url = f"postgresql://app:{password}@db:5432/service"

    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({"DATABASE_URL": url}, no_env_file)

    assert "s3c" not in str(raised.value)
    assert str(raised.value).startswith(
        "error: DATABASE_URL='postgresql://app:***@db:5432/service' is invalid: "
    )
{%- if cookiecutter.broker != "in-memory" %}


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("not a url", "must start with"),
        ("http://127.0.0.1:8080", "must start with"),
        (f"{SUPPORTED_BROKER_URLS[0]}127.0.0.1:port", "is not a URL: Port could not be cast"),
        (f"{SUPPORTED_BROKER_URLS[0]}/no-host", "names no host"),
    ],
)
def test_a_broker_url_the_broker_cannot_take_is_refused(
    no_env_file: Path, value: str, rule: str
) -> None:
    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({"BROKER_URL": value}, no_env_file)

    assert str(raised.value).startswith(f"error: BROKER_URL={value!r} is invalid: {rule}")
{%- endif %}


def test_the_log_level_may_be_written_in_lower_case(no_env_file: Path) -> None:
    assert load_settings({"LOG_LEVEL": "debug"}, no_env_file).log_level == "DEBUG"


def test_a_bad_value_in_the_env_file_is_reported_as_well(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_POOL_SIZE=none\n", encoding="utf-8")

    with pytest.raises(InvalidSettingsError, match="DATABASE_POOL_SIZE='none' is invalid"):
        load_settings({}, env_file)


def test_an_env_file_that_is_not_utf_8_is_refused_naming_the_byte(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(b"LOG_LEVEL=DEBUG\nSERVICE_NAME=caf\xe9\n")

    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({}, env_file)

    assert str(raised.value) == (
        f"error: {env_file} is invalid: should be UTF-8 text, got byte 0xe9 at offset 32"
    )


def refusal_of(env_file: Path, text: str) -> list[str]:
    """The lines the service stops with when `env_file` holds `text`."""
    env_file.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({}, env_file)
    return str(raised.value).splitlines()


def test_a_line_the_env_file_parser_cannot_read_is_refused_not_skipped(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"

    refusal = refusal_of(
        env_file,
        'LOG_LEVEL=DEBUG\nDATABASE_URL="postgresql://app:s3cret@db/service\nPOOL SIZE=3\n',
    )

    assert refusal == [
        f"error: {env_file} line 2 is invalid: should be NAME=value,"
        " got 'DATABASE_URL=\"postgresql://app:***@db/service'",
        f"error: {env_file} line 3 is invalid: should be NAME=value, got 'POOL SIZE=3'",
    ]


def test_a_name_in_the_env_file_that_no_setting_has_is_refused_with_a_suggestion(
    tmp_path: Path,
) -> None:
    env_file = tmp_path / ".env"

    refusal = refusal_of(
        env_file,
        "LOG_LEVEL=DEBUG\nDATABSE_URL=postgresql://app:s3cret@db/service\n"
        "log_level=debug\nCOLOUR=blue\n",
    )

    assert refusal == [
        f"error: {env_file} sets DATABSE_URL='postgresql://app:***@db/service', which names"
        " no setting; did you mean DATABASE_URL?",
        f"error: {env_file} sets log_level='debug', which names no setting;"
        " did you mean LOG_LEVEL?",
        f"error: {env_file} sets COLOUR='blue', which names no setting"
        " (.env.example lists them all)",
    ]


def test_the_gateway_key_may_be_written_on_one_line_with_escaped_line_breaks(
    no_env_file: Path,
) -> None:
    one_line = GATEWAY_PUBLIC_KEY.replace("\n", "\\n")

    settings = load_settings({"JWT_PUBLIC_KEY": one_line}, no_env_file)

    assert settings.jwt_public_key == GATEWAY_PUBLIC_KEY


def test_the_gateway_keys_come_from_its_key_set_or_its_one_key_not_both(
    no_env_file: Path,
) -> None:
    url = "https://gateway.test/.well-known/jwks.json"
    assert load_settings({"JWT_JWKS_URL": url}, no_env_file).jwt_jwks_url == url

    with pytest.raises(InvalidSettingsError) as raised:
        load_settings({"JWT_PUBLIC_KEY": GATEWAY_PUBLIC_KEY, "JWT_JWKS_URL": url}, no_env_file)

    assert str(raised.value) == (
        f"error: JWT_JWKS_URL={url!r} is invalid: cannot be set with JWT_PUBLIC_KEY: the"
        " gateway's keys come from one or the other"
    )


def test_tokens_are_for_the_service_unless_another_audience_is_set(no_env_file: Path) -> None:
    assert load_settings({"SERVICE_NAME": "billing"}, no_env_file).token_audience == "billing"
    audience = load_settings({"JWT_AUDIENCE": "api://shop"}, no_env_file).token_audience
    assert audience == "api://shop"


def test_the_example_env_file_names_every_setting_with_a_valid_value(
    no_env_file: Path,
) -> None:
    example = Path(__file__).resolve().parents[3] / ".env.example"

    variables = read_env_file(example)

    assert set(variables) == {field.upper() for field in Settings.model_fields}
    assert load_settings(variables, no_env_file) == Settings()


def test_settings_cannot_change_once_read(no_env_file: Path) -> None:
    settings = load_settings({}, no_env_file)

    with pytest.raises(ValidationError, match="frozen"):
        settings.log_level = "DEBUG"  # type: ignore[misc]
