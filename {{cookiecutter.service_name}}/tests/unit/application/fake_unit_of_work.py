"""A unit of work and repositories kept in memory, for use-case tests.

They copy aggregates in and out, as a database would: a change that is not committed
is lost, and what a test reads back from `stored` is what was committed.
"""

import copy
from collections.abc import Iterable
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from {{cookiecutter.package_name}}.application.errors import RequestAlreadyHandledError
from {{cookiecutter.package_name}}.application.idempotency import HandledRequest
from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot, DomainEvent

AggregateT = TypeVar("AggregateT", bound=AggregateRoot[Any])
IdT = TypeVar("IdT")


class FakeRepository(Generic[AggregateT, IdT]):
    def __init__(self, *aggregates: AggregateT) -> None:
        self.stored: dict[IdT, AggregateT] = {}
        self.seen: dict[IdT, AggregateT] = {}
        for aggregate in aggregates:
            aggregate.version = max(aggregate.version, 1)
            self.stored[aggregate.id] = copy.deepcopy(aggregate)

    async def get(self, id: IdT) -> AggregateT | None:
        if id not in self.seen and id in self.stored:
            self.seen[id] = copy.deepcopy(self.stored[id])
        return self.seen.get(id)

    def add(self, aggregate: AggregateT) -> None:
        self.seen[aggregate.id] = aggregate

    def persist_changes(self) -> list[DomainEvent]:
        events: list[DomainEvent] = []
        for id, aggregate in self.seen.items():
            if aggregate.pending_events:
                aggregate.version += 1
                events.extend(aggregate.pull_events())
                self.stored[id] = copy.deepcopy(aggregate)
        return events


class FakeHandledRequests:
    """The `HandledRequests` port: committed requests in `stored`, by operation and key."""

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], HandledRequest] = {}
        self.added: list[HandledRequest] = []

    async def get(self, operation: str, key: str) -> HandledRequest | None:
        return self.stored.get((operation, key))

    def add(self, request: HandledRequest) -> None:
        self.added.append(request)

    def persist_changes(self) -> None:
        added, self.added = self.added, []
        for request in added:
            if (request.operation, request.key) in self.stored:
                raise RequestAlreadyHandledError(f"{request.key!r} was committed first")
            self.stored[request.operation, request.key] = request


class FakeUnitOfWork:
    """Commits into its repositories' `stored` dicts and "publishes" into `published`."""

    def __init__(self, *repositories: FakeRepository[Any, Any]) -> None:
        self.repositories = repositories
        self.requests = FakeHandledRequests()
        self.commits = 0
        self.rolled_back = False
        self.published: list[DomainEvent] = []
        self._recorded: list[DomainEvent] = []

    @property
    def committed(self) -> bool:
        return self.commits > 0

    async def __aenter__(self) -> Self:
        self._recorded = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._forget_uncommitted()

    def record(self, events: Iterable[DomainEvent]) -> None:
        self._recorded.extend(events)

    async def commit(self) -> None:
        self.requests.persist_changes()
        events = [
            event for repository in self.repositories for event in repository.persist_changes()
        ]
        events.extend(self._recorded)
        self._recorded = []
        self.commits += 1
        self.published.extend(events)

    async def rollback(self) -> None:
        self._forget_uncommitted()
        self.rolled_back = True

    def _forget_uncommitted(self) -> None:
        for repository in self.repositories:
            repository.seen.clear()
        self.requests.added = []
        self._recorded = []
