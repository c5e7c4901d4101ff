"""The in-memory broker keeps only the latest messages: it serves in production too."""

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    MESSAGES_KEPT,
    InMemoryBroker,
)

from tests.messaging import a_message


async def test_publishing_past_the_bound_keeps_the_latest_messages_and_drops_the_oldest() -> None:
    broker = InMemoryBroker()
    sent = [a_message(number) for number in range(MESSAGES_KEPT + 2)]

    for message in sent:
        await broker.publish(message)

    assert broker.published == sent[2:]


async def test_dead_letters_past_the_bound_keep_the_latest_and_drop_the_oldest() -> None:
    broker = InMemoryBroker()
    reasons = [f"reason {number}" for number in range(MESSAGES_KEPT + 2)]

    for reason in reasons:
        await broker.put("this-service", b"{}", {}, reason)

    assert [letter.reason for letter in broker.dead_letters] == reasons[2:]
