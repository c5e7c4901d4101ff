from datetime import datetime
from typing import Any

from sqlalchemy import Column, Delete, Table, delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.persistence.failures import (
    translated_failures,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.tables import (
    inbox_messages,
    outbox_messages,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.requests.tables import (
    handled_requests,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.write_transaction import (
    write_transaction,
)


class SqlAlchemyMessageHistory:
    """The `MessageHistory` port over the outbox, inbox and handled requests tables.

    Each call deletes one batch in a transaction of its own. Sent messages are taken in
    write order, which their sending follows, so a batch reads from the table's oldest
    end; inbox entries and request keys are found through their `handled_at` indexes.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def forget_sent(self, before: datetime, limit: int) -> int:
        oldest = (
            select(outbox_messages.c.position)
            .where(outbox_messages.c.published_at < before)
            .order_by(outbox_messages.c.position)
            .limit(limit)
        )
        return await self._deleted(
            delete(outbox_messages).where(outbox_messages.c.position.in_(oldest))
        )

    async def forget_handled(self, before: datetime, limit: int) -> int:
        keys = (inbox_messages.c.consumer, inbox_messages.c.message_id)
        return await self._forget_handled_before(inbox_messages, keys, before, limit)

    async def forget_request_keys(self, before: datetime, limit: int) -> int:
        keys = (handled_requests.c.operation, handled_requests.c.key)
        return await self._forget_handled_before(handled_requests, keys, before, limit)

    async def _forget_handled_before(
        self, table: Table, keys: tuple[Column[Any], ...], before: datetime, limit: int
    ) -> int:
        """Delete the `limit` rows of `table` handled longest ago, if before `before`."""
        oldest = (
            select(*keys)
            .where(table.c.handled_at < before)
            .order_by(table.c.handled_at)
            .limit(limit)
        )
        return await self._deleted(delete(table).where(tuple_(*keys).in_(oldest)))

    async def _deleted(self, statement: Delete) -> int:
        async with (
            translated_failures,
            self._engine.connect() as connection,
            write_transaction(connection),
        ):
            result = await connection.execute(statement)
        return result.rowcount
