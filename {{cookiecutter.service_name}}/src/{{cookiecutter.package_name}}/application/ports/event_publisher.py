from collections.abc import Sequence
from typing import Protocol

from {{cookiecutter.package_name}}.domain.building_blocks import DomainEvent


class EventPublisher(Protocol):
    """Hands domain events to whoever listens, in the order given."""

    async def publish(self, events: Sequence[DomainEvent]) -> None: ...
