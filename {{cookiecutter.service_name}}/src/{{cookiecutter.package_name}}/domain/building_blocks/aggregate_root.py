from {{cookiecutter.package_name}}.domain.building_blocks.domain_event import DomainEvent
from {{cookiecutter.package_name}}.domain.building_blocks.entity import Entity, IdT


class AggregateRoot(Entity[IdT]):
    """The entry point of a consistency boundary.

    An aggregate changes only through its own methods, which keep its invariants and
    *record* what happened as domain events. It never publishes them: the unit of work
    collects them with `pull_events` as it commits the change, and writes them to the
    outbox in the same transaction, so an event exists only for a change that really
    happened.
    """

    def __init__(self, id: IdT, version: int = 0) -> None:
        super().__init__(id)
        # How many times the aggregate has been stored (0: never). Persistence owns it and
        # uses it to detect concurrent updates (optimistic locking).
        self.version = version
        self._pending_events: list[DomainEvent] = []

    def _record(self, event: DomainEvent) -> None:
        self._pending_events.append(event)

    @property
    def pending_events(self) -> tuple[DomainEvent, ...]:
        """Events recorded since the last `pull_events`, oldest first."""
        return tuple(self._pending_events)

    def pull_events(self) -> list[DomainEvent]:
        """Return the recorded events, oldest first, and forget them."""
        events, self._pending_events = self._pending_events, []
        return events
