from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import ChangeTracker
from {{cookiecutter.package_name}}.application.ports import EventPublisher
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent


class SqlAlchemyUnitOfWork:
    """The `UnitOfWork` port as one database connection and its transaction.

    The repositories speak SQL through SQLAlchemy Core, so a plain connection is all they
    need; no ORM session tracks objects behind their back. Subclasses open them on the
    connection in `_open_repositories`. `commit` writes what the repositories saw change,
    commits, and only then hands the recorded events to the publisher: an event never
    announces a change that was rolled back. Leaving the `async with` block without
    `commit`, or with an exception, rolls back.
    """

    def __init__(self, engine: AsyncEngine, event_publisher: EventPublisher) -> None:
        self._engine = engine
        self._event_publisher = event_publisher
        self._connection: AsyncConnection | None = None
        self._repositories: Sequence[ChangeTracker] = ()
        self._recorded: list[DomainEvent] = []

    @property
    def connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        return self._connection

    def _open_repositories(self, connection: AsyncConnection) -> Sequence[ChangeTracker]:
        """The repositories of this unit of work, bound to its connection; none by default."""
        return ()

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("the unit of work is already in use")
        # The transaction begins with the first statement and ends with commit or rollback.
        self._connection = await self._engine.connect()
        self._repositories = self._open_repositories(self._connection)
        self._recorded = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection = self.connection
        try:
            if connection.in_transaction():
                await connection.rollback()
        finally:
            await connection.close()
            self._connection = None
            self._repositories = ()

    def record(self, events: Iterable[DomainEvent]) -> None:
        self._recorded.extend(events)

    async def commit(self) -> None:
        events: list[DomainEvent] = []
        for repository in self._repositories:
            events.extend(await repository.persist_changes())
        events.extend(self._recorded)
        await self.connection.commit()
        self._recorded = []
        if events:
            await self._event_publisher.publish(events)

    async def rollback(self) -> None:
        await self.connection.rollback()
        self._recorded = []
