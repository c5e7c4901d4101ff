"""Requests a client may safely send again: one idempotency key, one effect.

A client that sends a creating request and gets no answer (a timeout, a dropped connection)
cannot tell whether it was carried out. When it sends a key of its own choosing with the
request (`Idempotency-Key: <key>` over HTTP), it can send it again with the same key: the
first request to commit stores the key with the id of what it created, in the same
transaction, and any other request with that key, even a concurrent one, is answered with
what the first created and creates nothing. A key sent with different values is refused,
since the client meant another request.
"""

import hashlib
from dataclasses import dataclass

from {{cookiecutter.package_name}}.application.errors import IdempotencyKeyReusedError

MAX_KEY_LENGTH = 255
"""The longest idempotency key a client may send, in characters."""


@dataclass(frozen=True, slots=True)
class HandledRequest:
    """A creating request that carried an idempotency key, and the id of what it created.

    `operation` names the use case, so one key may serve requests of different kinds;
    `fingerprint` is the hash of what the request asked for (`fingerprint_of`).
    """

    operation: str
    key: str
    fingerprint: str
    resource_id: str

    def answer_for(self, again: "HandledRequest") -> str:
        """The id to answer a request with this key with: what this one created.

        Raises `IdempotencyKeyReusedError` when the request carries other values.
        """
        if again.fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError(
                f"idempotency key {again.key!r} came with another request before:"
                " send a new key with a new request"
            )
        return self.resource_id


def fingerprint_of(*asked: object) -> str:
    """A hash of what a request asks for: the value objects built from it, whose `repr`
    shows every value once validated and normalised. So the same request sent again has
    the same fingerprint, however it was written (an amount of `10`, `10.0` or `10.00`)."""
    return hashlib.sha256(repr(asked).encode()).hexdigest()
