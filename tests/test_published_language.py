"""The two samples speak one published language: what one consumes, the other publishes, and
both describe each such message with the same schema, to the byte.

Each baked service lists its messages in `docs/events/<context>.md` (its own unit tests keep
that index and the schema files in step with its models); this compares the two services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from baking import Variant
from conftest import Bake

ORDERS = Variant("orders", {"example": "orders"})
CUSTOMERS = Variant("customers", {"example": "customers"})
# A row of the index: | published | `orders.order_placed` | 1 | ... | [file](file) |
ROW = re.compile(
    r"^\| (?P<direction>published|consumed) \| `(?P<type>[a-z_.]+)` \| (?P<version>\d+) \|"
    r".*\]\((?P<schema>[^)]+\.schema\.json)\) \|$"
)


@dataclass(frozen=True)
class Message:
    """One message type at one version, as listed by one service."""

    event_type: str
    version: int
    schema: Path

    @property
    def key(self) -> str:
        return f"{self.event_type}.v{self.version}"


@dataclass(frozen=True)
class Service:
    name: str
    published: dict[str, Message]
    consumed: dict[str, Message]


def service_of(project: Path, context: str) -> Service:
    """The messages a baked service publishes and consumes, read from its index."""
    events = project / "docs" / "events"
    listed: dict[str, dict[str, Message]] = {"published": {}, "consumed": {}}
    for line in (events / f"{context}.md").read_text().splitlines():
        if row := ROW.match(line):
            message = Message(row["type"], int(row["version"]), events / row["schema"])
            listed[row["direction"]][message.key] = message
    return Service(context, listed["published"], listed["consumed"])


@pytest.fixture(scope="module")
def services(bake: Bake) -> tuple[Service, Service]:
    return service_of(bake(ORDERS), "orders"), service_of(bake(CUSTOMERS), "customers")


def test_each_sample_publishes_and_consumes_messages(services: tuple[Service, Service]) -> None:
    for service in services:
        assert service.published, f"{service.name} lists nothing it publishes"
        assert service.consumed, f"{service.name} lists nothing it consumes"
        for message in [*service.published.values(), *service.consumed.values()]:
            assert message.schema.is_file(), f"{service.name}: {message.schema.name} is missing"


@pytest.mark.parametrize("consumer_index", [0, 1], ids=["orders-consumes", "customers-consumes"])
def test_every_message_one_sample_consumes_the_other_publishes(
    services: tuple[Service, Service], consumer_index: int
) -> None:
    consumer, publisher = services[consumer_index], services[1 - consumer_index]

    unpublished = sorted(set(consumer.consumed) - set(publisher.published))

    assert unpublished == [], f"{consumer.name} consumes what {publisher.name} never publishes"


@pytest.mark.parametrize("consumer_index", [0, 1], ids=["orders-consumes", "customers-consumes"])
def test_publisher_and_consumer_describe_each_message_with_the_same_schema(
    services: tuple[Service, Service], consumer_index: int
) -> None:
    consumer, publisher = services[consumer_index], services[1 - consumer_index]
    shared = sorted(set(consumer.consumed) & set(publisher.published))

    differing = [
        key
        for key in shared
        if consumer.consumed[key].schema.read_bytes()
        != publisher.published[key].schema.read_bytes()
    ]

    assert shared
    assert differing == [], f"the schemas of {publisher.name} and {consumer.name} differ"
