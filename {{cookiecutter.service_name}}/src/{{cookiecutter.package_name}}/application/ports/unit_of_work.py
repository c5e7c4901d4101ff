from collections.abc import Iterable
from types import TracebackType
from typing import Protocol, Self

from {{cookiecutter.package_name}}.application.ports.handled_requests import HandledRequests
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent


class UnitOfWork(Protocol):
    """One atomic business transaction: everything in it commits together or not at all.

    Use it as an async context manager. Leaving the block without `commit` (or with an
    exception) rolls back, so a half-applied change is never written::

        async with uow:
            ...
            await uow.commit()
    """

    @property
    def requests(self) -> HandledRequests:
        """The requests that carried an idempotency key (`application/idempotency.py`)."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Store every aggregate that changed through this unit's repositories, atomically.

        The events those aggregates recorded (and any given to `record`) that other
        services read are written to the outbox in the same transaction, oldest first:
        they are sent if and only if the commit succeeds. While a message is being handled
        (see `application/messaging/message_context.py`), the commit also marks it handled
        and raises `MessageAlreadyHandledError` if it was already. The requests given to
        `requests.add` are stored with it; `RequestAlreadyHandledError` if one's key was
        committed first by another.
        """
        ...

    async def rollback(self) -> None: ...

    def record(self, events: Iterable[DomainEvent]) -> None:
        """Send these events with the commit: events that no aggregate carries."""
        ...
