"""Settings come from the environment; a bad value stops the service with one clear error."""

import pytest
from pydantic import ValidationError

from {{cookiecutter.package_name}}.bootstrap.settings import Settings


def test_the_pool_is_sized_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_POOL_SIZE", "4")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "2")

    settings = Settings()

    assert (settings.database_pool_size, settings.database_max_overflow) == (4, 2)


@pytest.mark.parametrize(
    ("variable", "value", "rule"),
    [
        ("DATABASE_POOL_SIZE", "0", "greater than or equal to 1"),
        ("DATABASE_MAX_OVERFLOW", "-1", "greater than or equal to 0"),
        ("DATABASE_URL", "mysql://127.0.0.1/service", "must start with"),
    ],
)
def test_a_bad_value_names_the_setting_the_value_and_the_rule(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, rule: str
) -> None:
    monkeypatch.setenv(variable, value)

    with pytest.raises(ValidationError) as raised:
        Settings()

    [error] = raised.value.errors()
    assert error["loc"] == (variable.lower(),)
    assert error["input"] == value
    assert rule in error["msg"]
