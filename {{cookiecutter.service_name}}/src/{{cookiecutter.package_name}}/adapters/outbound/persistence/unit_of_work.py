from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import ChangeTracker
from {{cookiecutter.package_name}}.application.ports import EventPublisher
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent


class SqlAlchemyUnitOfWork:
    """The `UnitOfWork` port as one SQLAlchemy session and its transaction.

    Subclasses open their repositories on the session in `_open_repositories`. `commit`
    writes what the repositories saw change, commits, and only then hands the recorded
    events to the publisher: an event never announces a change that was rolled back.
    Leaving the `async with` block without `commit`, or with an exception, rolls back.
    """

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], event_publisher: EventPublisher
    ) -> None:
        self._session_factory = session_factory
        self._event_publisher = event_publisher
        self._session: AsyncSession | None = None
        self._repositories: Sequence[ChangeTracker] = ()
        self._recorded: list[DomainEvent] = []

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        return self._session

    def _open_repositories(self, session: AsyncSession) -> Sequence[ChangeTracker]:
        """The repositories of this unit of work, bound to its session; none by default."""
        return ()

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("the unit of work is already in use")
        self._session = self._session_factory()
        self._repositories = self._open_repositories(self._session)
        self._recorded = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            await session.rollback()  # a no-op after commit
        finally:
            await session.close()
            self._session = None
            self._repositories = ()

    def record(self, events: Iterable[DomainEvent]) -> None:
        self._recorded.extend(events)

    async def commit(self) -> None:
        events: list[DomainEvent] = []
        for repository in self._repositories:
            events.extend(await repository.persist_changes())
        events.extend(self._recorded)
        await self.session.commit()
        self._recorded = []
        if events:
            await self._event_publisher.publish(events)

    async def rollback(self) -> None:
        await self.session.rollback()
        self._recorded = []
