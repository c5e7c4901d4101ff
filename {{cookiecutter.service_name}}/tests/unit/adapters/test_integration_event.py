import json

from {{cookiecutter.package_name}}.adapters.outbound.messaging.integration_event import (
    IntegrationEvent,
)


def an_event(**payload: object) -> IntegrationEvent:
    return IntegrationEvent(
        type="things.thing_happened", version=2, key="thing-1", payload=dict(payload)
    )


def test_an_integration_event_travels_as_its_envelope_in_json() -> None:
    event = an_event(thing_id="thing-1", amount={"amount": "12.50", "currency": "EUR"})

    wire = event.to_json()

    assert json.loads(wire) == {
        "type": "things.thing_happened",
        "version": 2,
        "key": "thing-1",
        "payload": {"thing_id": "thing-1", "amount": {"amount": "12.50", "currency": "EUR"}},
    }


def test_text_beyond_ascii_is_sent_as_utf_8() -> None:
    event = an_event(name="Zoë Brontë")

    wire = event.to_json()

    assert "Zoë Brontë".encode() in wire
    assert json.loads(wire.decode("utf-8"))["payload"] == {"name": "Zoë Brontë"}
