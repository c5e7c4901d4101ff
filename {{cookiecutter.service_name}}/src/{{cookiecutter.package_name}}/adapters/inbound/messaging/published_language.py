"""What every consumer of another service's messages shares: reading them tolerantly.

The models of the messages this service reads (`customer_answers.py` or `order_events.py`)
build on these. `read_message` finds the model for a message's type and version and
checks the payload against it, so each consumer only says what a message means here.
"""

import logging
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from {{cookiecutter.package_name}}.application.errors import MalformedMessageError

logger = logging.getLogger(__name__)

# A tolerant reader: fields a newer publisher adds are ignored.
READER_CONFIG = ConfigDict(extra="ignore", frozen=True)


CURRENCY_CODE = r"^[A-Z]{3}$"
"""An ISO 4217 currency code, as every message writes one: three upper-case letters."""


class MoneyV1(BaseModel):
    """An exact amount of money in one currency."""

    model_config = READER_CONFIG

    amount: str = Field(
        pattern=r"^[0-9]+(\.[0-9]{1,2})?$",
        description=(
            'A decimal string, never negative, with at most two decimal places, such as "12.50". '
            "A string, so that no floating-point number ever rounds it."
        ),
    )
    currency: str = Field(
        pattern=CURRENCY_CODE, description='The ISO 4217 currency code, such as "EUR".'
    )


def _malformed(event_type: str, version: int, error: ValidationError) -> MalformedMessageError:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'payload'}: {problem['msg']}"
        for problem in error.errors()
    )
    return MalformedMessageError(f"malformed {event_type} v{version} message: {problems}")


def read_types(consumed: Mapping[str, type[BaseModel]]) -> frozenset[str]:
    """The message types in `consumed`, whatever their version: what to subscribe to."""
    return frozenset(key.rpartition(".v")[0] for key in consumed)


def read_message(
    consumed: Mapping[str, type[BaseModel]],
    event_type: str,
    version: int,
    payload: Mapping[str, Any],
) -> BaseModel | None:
    """The message as its model in `consumed` (keyed `<type>.v<version>`), or None.

    None means this service does not read that type at that version; raises
    `MalformedMessageError` when the payload does not match the model.
    """
    model = consumed.get(f"{event_type}.v{version}")
    if model is None:
        _log_unread(consumed, event_type, version)
        return None
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        raise _malformed(event_type, version, error) from error


def _log_unread(consumed: Mapping[str, type[BaseModel]], event_type: str, version: int) -> None:
    read = sorted(key for key in consumed if key.rpartition(".v")[0] == event_type)
    if read:
        # The publisher moved on: until this consumer learns the new version, those
        # messages are not acted on.
        logger.warning(
            "ignored %s v%s: only %s is read",
            event_type,
            version,
            ", ".join(read),
            extra={"event_type": event_type, "version": version},
        )
    else:
        # Subscriptions ask for the types read, so another type arrives only through a
        # binding an older release left on the queue, or a queue shared by mistake.
        logger.warning(
            "ignored %s v%s: this service reads no message of that type",
            event_type,
            version,
            extra={"event_type": event_type, "version": version},
        )
