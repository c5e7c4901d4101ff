from collections.abc import Callable, Iterable, Sequence
from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
    unavailable_error,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.inbox import (
    record_in_inbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    append_to_outbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import ChangeTracker
from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.handled_requests import (
    SqlAlchemyHandledRequests,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.write_transaction import (
    write_transaction,
)
from {{cookiecutter.package_name}}.application.messaging.message import IntegrationEvent, Message
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    current_message_context,
)
from {{cookiecutter.package_name}}.application.ports import Clock
from {{cookiecutter.package_name}}.application.ports.handled_requests import HandledRequests
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent

Translator = Callable[[DomainEvent], IntegrationEvent | None]
"""Turns a domain event into the message other services read; None keeps it inside."""


def keep_inside(_event: DomainEvent) -> None:
    """The translator of a service that publishes no events yet."""


T = TypeVar("T")


class SqlAlchemyUnitOfWork:
    """The `UnitOfWork` port as one database connection and its transaction.

    The repositories speak SQL through SQLAlchemy Core, so a plain connection is all they
    need; no ORM session tracks objects behind their back. Subclasses open them on the
    connection in `_open_repositories`. `commit` writes what the repositories saw change
    and, in the same transaction, the messages announcing it to the outbox (the
    transactional outbox: a message exists if and only if its change was committed; the
    relay sends it later). While a consumer handles a message, the commit also records the
    message in the consumer's inbox, so a redelivery has no second effect, and the
    idempotency keys of the requests given to `requests`, so a request sent again has no
    second effect either (`application/idempotency.py`). Leaving the
    `async with` block without `commit`, or with an exception, rolls back. The commit's
    writes are a `write_transaction`: on SQLite, this process's writers take turns. A
    failure that means the database is away leaves the block as `UnavailableError`.
    """

    def __init__(self, engine: AsyncEngine, translate: Translator, clock: Clock) -> None:
        self._engine = engine
        self._translate = translate
        self._clock = clock
        self._connection: AsyncConnection | None = None
        self._requests: SqlAlchemyHandledRequests | None = None
        self._repositories: Sequence[ChangeTracker] = ()
        self._recorded: list[DomainEvent] = []

    @property
    def connection(self) -> AsyncConnection:
        return self._in_block(self._connection)

    @property
    def requests(self) -> HandledRequests:
        return self._in_block(self._requests)

    def _in_block(self, opened: T | None) -> T:
        """`opened`, something the block opened, while the block runs; a subclass's
        repository properties return theirs through it."""
        if opened is None or self._connection is None:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        return opened

    def _open_repositories(self, connection: AsyncConnection) -> Sequence[ChangeTracker]:
        """The repositories of this unit of work, bound to its connection; none by default."""
        return ()

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("the unit of work is already in use")
        # The transaction begins with the first statement and ends with commit or rollback.
        async with translated_failures:
            self._connection = await self._engine.connect()
        self._requests = SqlAlchemyHandledRequests(self._connection, self._clock)
        # The key first, so that a concurrent request with the same key waits, then gives up.
        self._repositories = (self._requests, *self._open_repositories(self._connection))
        self._recorded = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection = self.connection
        self._connection, self._requests, self._repositories = None, None, ()
        async with translated_failures:
            try:
                if connection.in_transaction():
                    await connection.rollback()
            finally:
                await connection.close()
        if exc is not None and (unavailable := unavailable_error(exc)) is not None:
            raise unavailable from exc

    def record(self, events: Iterable[DomainEvent]) -> None:
        self._recorded.extend(events)

    async def commit(self) -> None:
        context = current_message_context()
        async with write_transaction(self.connection) as connection:
            if context is not None and context.handling is not None:
                # First, so that a concurrent duplicate waits here and then gives up.
                await record_in_inbox(connection, context.handling, self._clock.now())
            events: list[DomainEvent] = []
            for repository in self._repositories:
                events.extend(await repository.persist_changes())
            events.extend(self._recorded)
            messages = [
                Message.wrap(integration_event, event.event_id, event.occurred_at, context)
                for event in events
                if (integration_event := self._translate(event)) is not None
            ]
            if messages:
                await append_to_outbox(connection, messages)
        self._recorded = []

    async def rollback(self) -> None:
        await self.connection.rollback()
        self._recorded = []
