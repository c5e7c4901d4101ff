"""Sign an access token with a development key, to call the API on your own machine.

    make token                                   # every scope the API's routes require
    uv run python scripts/dev_token.py --scope <scope> --minutes 5

The first run makes an EC (P-256) key pair, keeps its private half in `.jwt-dev-key.pem`
(which git and Docker ignore) and writes its public half to `.env` as `JWT_PUBLIC_KEY`,
unless `.env` names a key already; a service started after that takes its tokens. Each run
prints one token, for `curl -H "Authorization: Bearer $(make -s token)" ...`.

In production the gateway signs the tokens, and the service holds only its public key.
"""

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from {{cookiecutter.package_name}}.bootstrap.app import create_app
from {{cookiecutter.package_name}}.bootstrap.settings import load_settings

KEY_FILE = Path(".jwt-dev-key.pem")
ENV_FILE = Path(".env")
_UNSET_KEY = re.compile(r"^JWT_PUBLIC_KEY=\s*$", re.MULTILINE)


def main(argv: list[str] | None = None) -> None:
    arguments = _parser().parse_args(argv)
    private_key = _development_key()
    public_pem = _public_pem(private_key)
    _trust_in_env_file(public_pem)
    settings = load_settings()
    if settings.jwt_public_key != public_pem:
        print(
            "warning: JWT_PUBLIC_KEY (in the environment or .env) is not the development key:"
            " the service will refuse this token",
            file=sys.stderr,
        )
    scopes = arguments.scope if arguments.scope is not None else every_scope()
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": arguments.subject,
        "aud": settings.token_audience,
        "iat": now,
        "exp": now + arguments.minutes * 60,
        "scope": " ".join(scopes),
    }
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    print(jwt.encode(claims, private_key, algorithm="ES256"))


def every_scope() -> list[str]:
    """Each scope some route of the API requires, as its OpenAPI schema lists them."""
    operations = (
        operation
        for path in create_app().openapi().get("paths", {}).values()
        for operation in path.values()
    )
    return sorted(
        {
            scope
            for operation in operations
            for requirement in operation.get("security", [])
            for scopes in requirement.values()
            for scope in scopes
        }
    )


def _development_key() -> ec.EllipticCurvePrivateKey:
    if KEY_FILE.exists():
        key = serialization.load_pem_private_key(KEY_FILE.read_bytes(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise SystemExit(f"error: {KEY_FILE} holds no EC private key; delete it to start over")
        return key
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    KEY_FILE.touch(mode=0o600)
    KEY_FILE.write_bytes(pem)
    print(f"made a development key pair; its private half is in {KEY_FILE}", file=sys.stderr)
    return key


def _public_pem(key: ec.EllipticCurvePrivateKey) -> str:
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode().strip()


def _trust_in_env_file(public_pem: str) -> None:
    """Write the key to `.env` as `JWT_PUBLIC_KEY`, if the file names none yet."""
    line = "JWT_PUBLIC_KEY=" + public_pem.replace("\n", "\\n")
    text = ENV_FILE.read_text(encoding="utf-8") if ENV_FILE.exists() else ""
    if _UNSET_KEY.search(text):
        text = _UNSET_KEY.sub(lambda _: line, text, count=1)
    elif not re.search(r"^JWT_PUBLIC_KEY=", text, re.MULTILINE):
        text = f"{text}{'' if text.endswith(chr(10)) or not text else chr(10)}{line}\n"
    else:
        return
    ENV_FILE.write_text(text, encoding="utf-8")
    print(f"set JWT_PUBLIC_KEY in {ENV_FILE}: restart the service to take it", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--scope",
        action="append",
        help="a scope to grant; repeat for more (default: every scope the API requires)",
    )
    parser.add_argument("--subject", default="developer", help="the caller (sub)")
    parser.add_argument(
        "--minutes", type=int, default=60, help="how long the token is valid (default: 60)"
    )
    return parser


if __name__ == "__main__":
    main()
