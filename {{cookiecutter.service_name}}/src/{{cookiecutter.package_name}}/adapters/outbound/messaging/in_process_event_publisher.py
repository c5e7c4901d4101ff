from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar, cast

from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent

EventT = TypeVar("EventT", bound=DomainEvent)
EventHandler = Callable[[EventT], Awaitable[None]]


class InProcessEventPublisher:
    """The `EventPublisher` port inside one process: no broker, no network.

    Handlers subscribe to an event type and receive that type and its subclasses, in
    subscription order. Events are delivered one at a time, in the order published; a
    handler that raises stops the delivery and the error reaches the publisher's caller.
    """

    def __init__(self) -> None:
        self._handlers: defaultdict[type[DomainEvent], list[EventHandler[DomainEvent]]] = (
            defaultdict(list)
        )

    def subscribe(self, event_type: type[EventT], handler: EventHandler[EventT]) -> None:
        self._handlers[event_type].append(cast(EventHandler[DomainEvent], handler))

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            for event_type in type(event).__mro__:
                for handler in self._handlers.get(event_type, ()):
                    await handler(event)
