"""`make token` gives a developer a key the service takes, and tokens signed with it."""

import asyncio
import os
import stat
import subprocess
from pathlib import Path

from {{cookiecutter.package_name}}.adapters.inbound.rest.access_tokens import (
    Caller,
    JwtAccessTokens,
)
from {{cookiecutter.package_name}}.bootstrap.gateway_keys import gateway_keys
from {{cookiecutter.package_name}}.bootstrap.settings import load_settings

from tests.access_tokens import EVERY_SCOPE, GATEWAY_PUBLIC_KEY
from tests.e2e.conftest import run_python

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "dev_token.py"


def dev_token(directory: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items() if "JWT_" not in name}
    return run_python([str(SCRIPT), *arguments], directory, environment)


def caller_of(token: str, env_file: Path) -> Caller:
    """Who `token` names, checked as the service started with `env_file` checks it."""
    settings = load_settings({}, env_file)
    tokens = JwtAccessTokens(gateway_keys(settings), audience=settings.token_audience)
    return asyncio.run(tokens.caller(token))


def test_the_first_token_comes_with_a_key_written_to_env_the_next_reuse_it(
    tmp_path: Path,
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("LOG_LEVEL=INFO\nJWT_PUBLIC_KEY=\nRUN_RELAY=true\n", encoding="utf-8")

    first = dev_token(tmp_path)
    with_key = env_file.read_text(encoding="utf-8")
    second = dev_token(tmp_path, "--scope", "things:read", "--subject", "ada")

    assert first.returncode == 0, first.stderr
    assert "set JWT_PUBLIC_KEY in .env" in first.stderr
    assert with_key.startswith("LOG_LEVEL=INFO\nJWT_PUBLIC_KEY=-----BEGIN PUBLIC KEY-----\\n")
    assert with_key.endswith("\nRUN_RELAY=true\n")
    assert caller_of(first.stdout.strip(), env_file).scopes == frozenset(EVERY_SCOPE)
    assert second.returncode == 0, second.stderr
    assert second.stderr == ""
    assert env_file.read_text(encoding="utf-8") == with_key
    assert caller_of(second.stdout.strip(), env_file) == Caller("ada", frozenset({"things:read"}))
    assert stat.S_IMODE((tmp_path / ".jwt-dev-key.pem").stat().st_mode) == 0o600


def test_a_key_env_names_already_is_left_and_the_developer_warned(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    gateway_key = "JWT_PUBLIC_KEY=" + GATEWAY_PUBLIC_KEY.replace("\n", "\\n") + "\n"
    env_file.write_text(gateway_key, encoding="utf-8")

    made = dev_token(tmp_path)

    assert made.returncode == 0, made.stderr
    assert "is not the development key: the service will refuse this token" in made.stderr
    assert env_file.read_text(encoding="utf-8") == gateway_key
