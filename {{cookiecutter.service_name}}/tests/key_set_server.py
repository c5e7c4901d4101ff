"""A gateway's JSON Web Key Set, served over real HTTP on 127.0.0.1 while a test runs."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from tests.local_http_server import LocalHttpServer, Quiet


def jwk_of(key: ec.EllipticCurvePrivateKey, key_id: str, **members: Any) -> dict[str, Any]:
    """The public half of `key` as a JWK named `key_id`, with `members` added or replaced."""
    jwk: dict[str, Any] = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return jwk | {"kid": key_id, "use": "sig"} | members


class KeySetServer:
    """Serves `document` at `url` with `status`, both changeable; counts the requests."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.status = HTTPStatus.OK
        self.requests = 0
        server = self

        class Handler(Quiet, BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                body = json.dumps(server.document).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._http = LocalHttpServer(Handler)
        self.url = f"{self._http.base_url}/.well-known/jwks.json"

    def stop(self) -> None:
        """Stop answering: from now on, connections to `url` are refused."""
        self._http.stop()


@contextmanager
def key_set_server(*keys: dict[str, Any]) -> Iterator[KeySetServer]:
    """A server of the key set `keys`, stopped at the end."""
    server = KeySetServer({"keys": list(keys)})
    try:
        yield server
    finally:
        server.stop()
