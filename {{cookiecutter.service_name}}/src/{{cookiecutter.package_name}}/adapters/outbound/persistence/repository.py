from abc import ABC, abstractmethod
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

from {{cookiecutter.package_name}}.application.errors import ConcurrencyConflictError
from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot, DomainEvent

AggregateT = TypeVar("AggregateT", bound=AggregateRoot[Any])
IdT = TypeVar("IdT")


class ChangeTracker(Protocol):
    """What a unit of work asks of its repositories when it commits."""

    async def persist_changes(self) -> list[DomainEvent]: ...


class SqlAlchemyRepository(ABC, Generic[AggregateT, IdT]):
    """What every SQLAlchemy repository shares: it remembers the aggregates it handed out
    or was given, and writes those that changed when the unit of work commits.

    An aggregate changed when it recorded an event, so only those are written. Each write
    checks the version the aggregate was loaded at (optimistic locking): of two concurrent
    updates, the second finds the version moved and raises `ConcurrencyConflictError`.
    """

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self._seen: dict[IdT, AggregateT] = {}

    async def get(self, id: IdT) -> AggregateT | None:
        aggregate = self._seen.get(id) or await self._load(id)
        if aggregate is not None:
            self._seen[id] = aggregate
        return aggregate

    def add(self, aggregate: AggregateT) -> None:
        self._seen[aggregate.id] = aggregate

    async def persist_changes(self) -> list[DomainEvent]:
        """Write every changed aggregate; return their events, oldest first, per aggregate."""
        events: list[DomainEvent] = []
        for aggregate in self._seen.values():
            if not aggregate.pending_events:
                continue
            if aggregate.version == 0:
                await self._insert(aggregate)
            elif await self._update(aggregate) != 1:
                kind = type(aggregate).__name__.lower()
                raise ConcurrencyConflictError(
                    f"{kind} {aggregate.id} was changed by someone else; reload it and try again"
                )
            aggregate.version += 1
            events.extend(aggregate.pull_events())
        return events

    @abstractmethod
    async def _load(self, id: IdT) -> AggregateT | None: ...

    @abstractmethod
    async def _insert(self, aggregate: AggregateT) -> None:
        """Insert a new aggregate, stored as version 1."""

    @abstractmethod
    async def _update(self, aggregate: AggregateT) -> int:
        """Update to `version + 1` only where the stored version is still `version`.

        Return how many rows that changed: 0 means someone else moved the version first.
        """
