from typing import Protocol

from {{cookiecutter.package_name}}.application.idempotency import HandledRequest


class HandledRequests(Protocol):
    """The creating requests that carried an idempotency key, each with what it created.

    Reached through a unit of work: `add` is written with its commit, atomically with what
    the request created. Keys are kept `IDEMPOTENCY_KEY_RETENTION_HOURS`, then forgotten.
    """

    async def get(self, operation: str, key: str) -> HandledRequest | None:
        """The request of this operation that came with this key, if one was committed."""
        ...

    def add(self, request: HandledRequest) -> None:
        """Store it with the commit, which raises `RequestAlreadyHandledError` when another
        request of the same operation and key was committed first."""
        ...
