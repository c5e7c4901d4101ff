from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.tables import (
    handled_requests,
)
from {{cookiecutter.package_name}}.application.errors import RequestAlreadyHandledError
from {{cookiecutter.package_name}}.application.idempotency import HandledRequest
from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent


class SqlAlchemyHandledRequests:
    """The `HandledRequests` port: a row of `handled_requests` per key, in the transaction
    of a unit of work.

    The primary key (operation, key) lets one transaction only store a key: a concurrent
    one with the same key waits for it, then fails, and raises `RequestAlreadyHandledError`.
    """

    def __init__(self, connection: AsyncConnection, clock: Clock) -> None:
        self._connection = connection
        self._clock = clock
        self._added: list[HandledRequest] = []

    async def get(self, operation: str, key: str) -> HandledRequest | None:
        row = (
            await self._connection.execute(
                select(handled_requests).where(
                    handled_requests.c.operation == operation, handled_requests.c.key == key
                )
            )
        ).one_or_none()
        if row is None:
            return None
        return HandledRequest(row.operation, row.key, row.fingerprint, row.resource_id)

    def add(self, request: HandledRequest) -> None:
        self._added.append(request)

    async def persist_changes(self) -> list[DomainEvent]:
        """Insert the added requests; a request records no event."""
        if self._added:
            handled_at = self._clock.now()
            rows = [
                {
                    "operation": request.operation,
                    "key": request.key,
                    "fingerprint": request.fingerprint,
                    "resource_id": request.resource_id,
                    "handled_at": handled_at,
                }
                for request in self._added
            ]
            try:
                await self._connection.execute(handled_requests.insert(), rows)
            except IntegrityError as error:
                keys = ", ".join(repr(request.key) for request in self._added)
                raise RequestAlreadyHandledError(
                    f"another request with idempotency key {keys} was committed first"
                ) from error
        self._added = []
        return []
