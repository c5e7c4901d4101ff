from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_process_event_publisher import (
    InProcessEventPublisher,
)
from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent

NOW = datetime(2030, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ThingHappened(DomainEvent):
    what: str


@dataclass(frozen=True)
class OtherThingHappened(DomainEvent):
    what: str


async def test_subscribers_receive_the_events_of_their_type_in_order() -> None:
    publisher = InProcessEventPublisher()
    received: list[str] = []

    async def remember(event: ThingHappened) -> None:
        received.append(event.what)

    publisher.subscribe(ThingHappened, remember)
    await publisher.publish(
        [
            ThingHappened(what="first", occurred_at=NOW),
            OtherThingHappened(what="ignored", occurred_at=NOW),
            ThingHappened(what="second", occurred_at=NOW),
        ]
    )

    assert received == ["first", "second"]


async def test_a_subscriber_to_the_base_type_receives_every_event() -> None:
    publisher = InProcessEventPublisher()
    received: list[str] = []

    async def remember(event: DomainEvent) -> None:
        received.append(event.name)

    publisher.subscribe(DomainEvent, remember)
    await publisher.publish(
        [ThingHappened(what="a", occurred_at=NOW), OtherThingHappened(what="b", occurred_at=NOW)]
    )

    assert received == ["ThingHappened", "OtherThingHappened"]


async def test_a_failing_subscriber_stops_delivery_and_the_caller_learns_of_it() -> None:
    publisher = InProcessEventPublisher()
    received: list[str] = []

    async def fail(event: ThingHappened) -> None:
        raise RuntimeError(f"cannot handle {event.what}")

    async def remember(event: ThingHappened) -> None:
        received.append(event.what)

    publisher.subscribe(ThingHappened, fail)
    publisher.subscribe(ThingHappened, remember)

    with pytest.raises(RuntimeError, match="cannot handle first"):
        await publisher.publish([ThingHappened(what="first", occurred_at=NOW)])
    assert received == []
