"""The envelope every message between services travels in, and its JSON form."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import MalformedMessageError
from {{cookiecutter.package_name}}.application.messaging.message_context import MessageContext
from {{cookiecutter.package_name}}.application.messaging.trace_context import checked_traceparent


@dataclass(frozen=True, slots=True)
class IntegrationEvent:
    """A domain event translated into the published language, before it gets its envelope.

    The unit of work's translator makes it, in the outbound messaging adapter; `key` is the
    id of the aggregate the event is about, and `payload` holds only JSON values.
    """

    type: str
    version: int
    key: str
    payload: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Message:
    """One integration event in its envelope, as it is stored in the outbox and sent.

    `id` is unique per message: a receiver's inbox uses it to act on a message once.
    `type` (`<context>.<event>`) and `version` name the payload's schema, the contract the
    publisher documents for its readers. `aggregate_id` is the id of the aggregate the event
    is about: brokers that partition or order by key use it, so each aggregate's events stay
    in order. `correlation_id` is shared by every message of one business flow (everything
    that follows from one request), and `causation_id` is the id of the message whose
    handling produced this one (None for a message caused by a request). `traceparent` is
    the W3C trace context, carried in the broker's headers. `payload` holds only JSON values.
    """

    id: UUID
    type: str
    version: int
    aggregate_id: str
    occurred_at: datetime
    correlation_id: UUID
    causation_id: UUID | None
    payload: Mapping[str, Any]
    traceparent: str | None = field(default=None, compare=False)

    @classmethod
    def wrap(
        cls,
        event: IntegrationEvent,
        message_id: UUID,
        occurred_at: datetime,
        context: MessageContext | None,
    ) -> "Message":
        """`event` in its envelope, with the context's correlation and cause.

        `message_id` is the id of the domain event it announces: one fact keeps one id from
        the aggregate that recorded it to the inbox of each service that handles it.
        """
        return cls(
            id=message_id,
            type=event.type,
            version=event.version,
            aggregate_id=event.key,
            occurred_at=occurred_at,
            # A message sent outside any context starts a flow of its own.
            correlation_id=message_id if context is None else context.correlation_id,
            causation_id=None if context is None else context.causation_id,
            payload=event.payload,
            traceparent=None if context is None else context.traceparent,
        )

    @property
    def headers(self) -> dict[str, str]:
        """What travels beside the body: the trace context, and the type for routing."""
        headers = {"message-type": self.type}
        if self.traceparent is not None:
            headers["traceparent"] = self.traceparent
        return headers

    def to_json(self) -> bytes:
        """The body on the wire: the envelope as compact UTF-8 JSON."""
        envelope = {
            "id": str(self.id),
            "type": self.type,
            "version": self.version,
            "aggregate_id": self.aggregate_id,
            "occurred_at": self.occurred_at.isoformat(),
            "correlation_id": str(self.correlation_id),
            "causation_id": None if self.causation_id is None else str(self.causation_id),
            "payload": self.payload,
        }
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, body: bytes, headers: Mapping[str, str] | None = None) -> "Message":
        """Read a body written by `to_json`; raises `MalformedMessageError` naming the field."""
        try:
            envelope = json.loads(body)
        # ValueError covers bad UTF-8, bad JSON and a number past Python's 4,300 digits.
        except (ValueError, RecursionError) as error:
            raise MalformedMessageError(f"the body is not JSON: {error}") from error
        if not isinstance(envelope, dict):
            raise MalformedMessageError("the body is not a JSON object")
        return cls(
            id=_read(envelope, "id", _uuid),
            type=_read(envelope, "type", _text),
            version=_read(envelope, "version", _positive_int),
            aggregate_id=_read(envelope, "aggregate_id", _text),
            occurred_at=_read(envelope, "occurred_at", _aware_datetime),
            correlation_id=_read(envelope, "correlation_id", _uuid),
            causation_id=_read(envelope, "causation_id", _uuid, optional=True),
            payload=_read(envelope, "payload", _json_object),
            traceparent=checked_traceparent((headers or {}).get("traceparent")),
        )


def correlation_id_in(body: bytes) -> UUID | None:
    """The correlation id in `body`'s envelope, if it holds a valid one; None otherwise.

    For a body that may be anything, such as a message given up on, which `from_json`
    would refuse as a whole.
    """
    try:
        return _uuid(json.loads(body)["correlation_id"])
    # Not JSON, too deep, not an object, no such field, or not a UUID.
    except (ValueError, RecursionError, TypeError, KeyError):
        return None


def _read(
    envelope: Mapping[str, Any],
    name: str,
    parse: Callable[[Any], Any],
    *,
    optional: bool = False,
) -> Any:
    value = envelope.get(name)
    if value is None and optional:
        return None
    try:
        return parse(value)
    except (TypeError, ValueError) as error:
        raise MalformedMessageError(
            f"envelope field {name}={value!r} is invalid: {error}"
        ) from None


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError("must be a non-empty string")
    return value


def _uuid(value: object) -> UUID:
    return UUID(_text(value))


def _positive_int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise TypeError("must be a whole number from 1 up")
    return value


def _aware_datetime(value: object) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("a time needs its offset")
    return moment


def _json_object(value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("must be a JSON object")
    return value
