"""The envelope every message this service sends to other services travels in."""

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class IntegrationEvent:
    """A domain event translated into the published language, ready to leave the service.

    `type` (`orders.order_placed`) and `version` name the payload's schema, documented in
    `docs/events/`. `key` is the id of the aggregate the event is about: a broker that
    partitions by key keeps each aggregate's events in order. `payload` holds only JSON
    values (strings, numbers, lists, objects), so `to_json` cannot fail.
    """

    type: str
    version: int
    key: str
    payload: dict[str, Any]

    def to_json(self) -> bytes:
        """The envelope as compact UTF-8 JSON: `type`, `version`, `key` and `payload`."""
        envelope = {
            "type": self.type,
            "version": self.version,
            "key": self.key,
            "payload": self.payload,
        }
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
