from typing import Protocol

from {{cookiecutter.package_name}}.application.messaging.message import Message


class MessagePublisher(Protocol):
    """Sends messages to other services through a broker."""

    async def publish(self, message: Message) -> None:
        """Return once the broker has accepted (stored) the message; raise if it has not."""
        ...
