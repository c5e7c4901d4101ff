"""Settings come from the environment; a bad value stops the service with one clear error."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from {{cookiecutter.package_name}}.bootstrap.settings import Settings, load_settings


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
        ("DATABASE_POOL_SIZE", "0", "greater than or equal to 1"),
        ("DATABASE_MAX_OVERFLOW", "-1", "greater than or equal to 0"),
        ("DATABASE_URL", "mysql://127.0.0.1/service", "must start with"),
        ("LOG_LEVEL", "LOUD", "'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
    ],
)
def test_a_bad_value_names_the_setting_the_value_and_the_rule(
    no_env_file: Path, variable: str, value: str, rule: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        load_settings({variable: value}, no_env_file)

    [error] = raised.value.errors()
    assert error["loc"] == (variable.lower(),)
    assert error["input"] == value
    assert rule in error["msg"]


def test_settings_cannot_change_once_read(no_env_file: Path) -> None:
    settings = load_settings({}, no_env_file)

    with pytest.raises(ValidationError, match="frozen"):
        settings.log_level = "DEBUG"  # type: ignore[misc]
