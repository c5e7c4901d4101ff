from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    inbox_messages,
)
from {{cookiecutter.package_name}}.application.errors import MessageAlreadyHandledError
from {{cookiecutter.package_name}}.application.messaging.message_context import HandledMessage


async def record_in_inbox(
    connection: AsyncConnection, handled: HandledMessage, handled_at: datetime
) -> None:
    """Note in the caller's transaction that the consumer acted on the message.

    The primary key (consumer, message id) lets only one transaction do so: a second
    one, even a concurrent one, raises `MessageAlreadyHandledError` and must roll back.
    """
    row = {"consumer": handled.consumer, "message_id": handled.message_id, "handled_at": handled_at}
    try:
        await connection.execute(inbox_messages.insert(), row)
    except IntegrityError as error:
        raise MessageAlreadyHandledError(
            f"{handled.consumer} has already handled message {handled.message_id}"
        ) from error
