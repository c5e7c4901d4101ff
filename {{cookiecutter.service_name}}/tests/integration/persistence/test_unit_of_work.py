"""The unit of work and the repository base, on a real database, with a model of the test's own."""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.clock.system_clock import SystemClock
from {{cookiecutter.package_name}}.adapters.outbound.persistence.database import create_engine
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    SqlAlchemyOutbox,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.repository import (
    ChangeTracker,
    SqlAlchemyRepository,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.unit_of_work import (
    SqlAlchemyUnitOfWork,
)
from {{cookiecutter.package_name}}.application.errors import (
    ConcurrencyConflictError,
    MessageAlreadyHandledError,
    RequestAlreadyHandledError,
    UnavailableError,
)
from {{cookiecutter.package_name}}.application.idempotency import HandledRequest
from {{cookiecutter.package_name}}.application.messaging.message import IntegrationEvent
from {{cookiecutter.package_name}}.application.messaging.message_context import (
    HandledMessage,
    MessageContext,
    message_context,
)
from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot, DomainEvent

from tests.databases import sqlite_url, upgrade_to_head
from tests.outbox import outbox_contents

NOW = datetime(2030, 1, 1, tzinfo=UTC)

scratch = MetaData()
notes = Table(
    "uow_test_notes",
    scratch,
    Column("id", String(20), primary_key=True),
    Column("text", String(50), nullable=False),
    Column("version", Integer, nullable=False),
)


@dataclass(frozen=True)
class NoteWritten(DomainEvent):
    note_id: str
    text: str


class Note(AggregateRoot[str]):
    def __init__(self, id: str, text: str, version: int = 0) -> None:
        super().__init__(id, version)
        self.text = text

    @classmethod
    def write(cls, id: str, text: str) -> "Note":
        note = cls(id, text)
        note._record(NoteWritten(note_id=id, text=text, occurred_at=NOW))
        return note

    def rewrite(self, text: str) -> None:
        self.text = text
        self._record(NoteWritten(note_id=self.id, text=text, occurred_at=NOW))


class SqlAlchemyNoteRepository(SqlAlchemyRepository[Note, str]):
    async def _load(self, id: str) -> Note | None:
        row = (await self._connection.execute(select(notes).where(notes.c.id == id))).one_or_none()
        return None if row is None else Note(row.id, row.text, row.version)

    async def _insert(self, note: Note) -> None:
        await self._connection.execute(insert(notes).values(id=note.id, text=note.text, version=1))

    async def _update(self, note: Note) -> int:
        result = await self._connection.execute(
            update(notes)
            .where(notes.c.id == note.id, notes.c.version == note.version)
            .values(text=note.text, version=note.version + 1)
        )
        return result.rowcount


class NotesUnitOfWork(SqlAlchemyUnitOfWork):
    _notes: SqlAlchemyNoteRepository | None = None

    def _open_repositories(self, connection: AsyncConnection) -> Sequence[ChangeTracker]:
        self._notes = SqlAlchemyNoteRepository(connection)
        return (self._notes,)

    @property
    def notes(self) -> SqlAlchemyNoteRepository:
        return self._in_block(self._notes)


def translate(event: DomainEvent) -> IntegrationEvent | None:
    if isinstance(event, NoteWritten):
        return IntegrationEvent("notes.note_written", 1, event.note_id, {"text": event.text})
    return None


@pytest.fixture
async def engine(migrated_database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(migrated_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(scratch.create_all)
    yield engine
    await engine.dispose()


def notes_unit_of_work(engine: AsyncEngine) -> NotesUnitOfWork:
    return NotesUnitOfWork(engine, translate, SystemClock())


@pytest.fixture
def unit_of_work(engine: AsyncEngine) -> NotesUnitOfWork:
    return notes_unit_of_work(engine)


async def sent_texts(engine: AsyncEngine) -> list[object]:
    return [entry.payload["text"] for entry in await outbox_contents(engine)]


async def count_notes(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return len((await connection.execute(select(notes.c.id))).all())


async def stored_note(engine: AsyncEngine, id: str) -> tuple[str, int]:
    async with engine.connect() as connection:
        row = (await connection.execute(select(notes).where(notes.c.id == id))).one()
    return row.text, row.version


async def store(unit_of_work: NotesUnitOfWork, note: Note) -> None:
    async with unit_of_work:
        unit_of_work.notes.add(note)
        await unit_of_work.commit()


async def test_a_committed_aggregate_is_stored_with_its_messages_in_the_outbox(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    await store(unit_of_work, Note.write("n1", "hello"))

    assert await stored_note(engine, "n1") == ("hello", 1)
    assert await sent_texts(engine) == ["hello"]


async def test_work_left_without_commit_is_rolled_back_and_nothing_is_sent(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    async with unit_of_work:
        unit_of_work.notes.add(Note.write("n1", "forgotten"))

    assert await count_notes(engine) == 0
    assert await sent_texts(engine) == []


async def test_an_error_inside_the_unit_of_work_rolls_everything_back(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    async def fail_halfway() -> None:
        async with unit_of_work:
            unit_of_work.notes.add(Note.write("n1", "first"))
            await unit_of_work.connection.execute(
                insert(notes).values(id="n2", text="second", version=1)
            )
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await fail_halfway()

    assert await count_notes(engine) == 0
    assert await sent_texts(engine) == []


async def test_recorded_events_are_sent_with_the_commit_and_dropped_by_a_rollback(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    async with unit_of_work:
        unit_of_work.record([NoteWritten(note_id="x", text="dropped", occurred_at=NOW)])
        await unit_of_work.rollback()
        unit_of_work.record([NoteWritten(note_id="x", text="kept", occurred_at=NOW)])
        await unit_of_work.commit()

    assert await sent_texts(engine) == ["kept"]


async def test_a_message_has_the_id_of_the_event_it_announces(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    event = NoteWritten(note_id="x", text="hello", occurred_at=NOW)
    async with unit_of_work:
        unit_of_work.record([event])
        await unit_of_work.commit()

    claimed = await SqlAlchemyOutbox(engine, SystemClock()).claim("relay", 10, timedelta(1))
    # Sent outside any message's handling, it also starts a flow of its own.
    assert [(m.id, m.correlation_id) for m in claimed] == [(event.event_id, event.event_id)]


async def test_a_loaded_aggregate_that_did_not_change_is_not_written(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    await store(unit_of_work, Note.write("n1", "hello"))

    async with unit_of_work:
        note = await unit_of_work.notes.get("n1")
        await unit_of_work.commit()

    assert note is not None
    assert await stored_note(engine, "n1") == ("hello", 1)
    assert await sent_texts(engine) == ["hello"]


async def test_of_two_concurrent_updates_exactly_one_wins(engine: AsyncEngine) -> None:
    await store(notes_unit_of_work(engine), Note.write("n1", "original"))
    both_loaded = asyncio.Barrier(2)

    async def rewrite(text: str) -> str:
        unit_of_work = notes_unit_of_work(engine)
        async with unit_of_work:
            note = await unit_of_work.notes.get("n1")
            assert note is not None
            note.rewrite(text)
            await both_loaded.wait()  # neither commits before both have read version 1
            try:
                await unit_of_work.commit()
            except ConcurrencyConflictError:
                return "conflict"
        return "won"

    outcomes = await asyncio.gather(rewrite("first"), rewrite("second"))

    assert sorted(outcomes) == ["conflict", "won"]
    winner = "first" if outcomes[0] == "won" else "second"
    assert await stored_note(engine, "n1") == (winner, 2)
    assert await sent_texts(engine) == ["original", winner]


async def test_the_connection_and_repositories_are_not_available_outside_the_block(
    unit_of_work: NotesUnitOfWork,
) -> None:
    async with unit_of_work:
        assert unit_of_work.notes is not None

    for name in ("connection", "requests", "notes"):
        with pytest.raises(RuntimeError, match="outside"):
            getattr(unit_of_work, name)


async def test_messages_carry_the_correlation_and_cause_of_the_message_being_handled(
    engine: AsyncEngine, unit_of_work: NotesUnitOfWork
) -> None:
    context = MessageContext(correlation_id=uuid4(), causation_id=uuid4(), traceparent="00-ab")

    with message_context(context):
        await store(unit_of_work, Note.write("n1", "hello"))

    claimed = await SqlAlchemyOutbox(engine, SystemClock()).claim("relay", 10, timedelta(1))
    assert [(m.correlation_id, m.causation_id, m.traceparent) for m in claimed] == [
        (context.correlation_id, context.causation_id, "00-ab")
    ]


async def test_a_message_handled_twice_has_one_effect(engine: AsyncEngine) -> None:
    handled = HandledMessage("note-service", uuid4())

    with message_context(MessageContext(uuid4(), handling=handled)):
        await store(notes_unit_of_work(engine), Note.write("n1", "first"))
        with pytest.raises(MessageAlreadyHandledError):
            await store(notes_unit_of_work(engine), Note.write("n2", "second"))

    assert await count_notes(engine) == 1
    assert await sent_texts(engine) == ["first"]


async def test_the_same_message_handled_twice_at_once_has_one_effect(engine: AsyncEngine) -> None:
    handled = HandledMessage("note-service", uuid4())
    both_ready = asyncio.Barrier(2)

    async def handle(note_id: str) -> str:
        with message_context(MessageContext(uuid4(), handling=handled)):
            unit_of_work = notes_unit_of_work(engine)
            try:
                async with unit_of_work:
                    unit_of_work.notes.add(Note.write(note_id, note_id))
                    await both_ready.wait()
                    await unit_of_work.commit()
            except MessageAlreadyHandledError:
                return "duplicate"
        return "handled"

    outcomes = await asyncio.gather(handle("n1"), handle("n2"))

    assert sorted(outcomes) == ["duplicate", "handled"]
    assert await count_notes(engine) == 1


def a_request(key: str, note_id: str, *, operation: str = "notes.write") -> HandledRequest:
    return HandledRequest(operation, key, f"fingerprint of {note_id}", note_id)


async def store_with_key(unit_of_work: NotesUnitOfWork, note: Note, key: str) -> None:
    async with unit_of_work:
        unit_of_work.requests.add(a_request(key, note.id))
        unit_of_work.notes.add(note)
        await unit_of_work.commit()


async def test_a_request_key_is_stored_with_the_commit_and_found_by_operation(
    engine: AsyncEngine,
) -> None:
    await store_with_key(notes_unit_of_work(engine), Note.write("n1", "first"), "key-1")

    unit_of_work = notes_unit_of_work(engine)
    async with unit_of_work:
        found = await unit_of_work.requests.get("notes.write", "key-1")
        elsewhere = await unit_of_work.requests.get("notes.erase", "key-1")

    assert found == a_request("key-1", "n1")
    assert elsewhere is None


async def test_a_request_key_committed_before_refuses_the_whole_commit(
    engine: AsyncEngine,
) -> None:
    await store_with_key(notes_unit_of_work(engine), Note.write("n1", "first"), "key-1")

    with pytest.raises(RequestAlreadyHandledError, match="'key-1'"):
        await store_with_key(notes_unit_of_work(engine), Note.write("n2", "second"), "key-1")

    assert await count_notes(engine) == 1
    assert await sent_texts(engine) == ["first"]


async def test_two_requests_with_one_key_at_once_have_one_effect(engine: AsyncEngine) -> None:
    both_looked = asyncio.Barrier(2)

    async def write(note_id: str) -> str:
        unit_of_work = notes_unit_of_work(engine)
        try:
            async with unit_of_work:
                assert await unit_of_work.requests.get("notes.write", "key-1") is None
                await both_looked.wait()
                unit_of_work.requests.add(a_request("key-1", note_id))
                unit_of_work.notes.add(Note.write(note_id, note_id))
                await unit_of_work.commit()
        except RequestAlreadyHandledError:
            return "refused"
        return "written"

    outcomes = await asyncio.gather(write("n1"), write("n2"))

    assert sorted(outcomes) == ["refused", "written"]
    assert await count_notes(engine) == 1
    assert len(await sent_texts(engine)) == 1


@pytest.fixture
def migrated_sqlite_url(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path)
    upgrade_to_head(url)
    return url


def sqlite_engine_waiting_for_locks(url: str, milliseconds: int) -> AsyncEngine:
    """The service's engine, whose writers wait `milliseconds` at most for the database's
    lock in SQLite's busy handler, then fail."""
    engine = create_engine(url)

    @event.listens_for(engine.sync_engine, "connect")
    def _busy_timeout(dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={milliseconds}")
        cursor.close()

    return engine


async def test_writers_on_sqlite_take_turns_in_the_process_not_in_its_busy_handler(
    migrated_sqlite_url: str,
) -> None:
    # A writer that meets the database locked fails at once instead of sleeping.
    engine = sqlite_engine_waiting_for_locks(migrated_sqlite_url, 0)
    outbox = SqlAlchemyOutbox(engine, SystemClock())

    async def relay() -> None:
        for _ in range(10):
            claimed = await outbox.claim("relay", 5, timedelta(minutes=1))
            await outbox.mark_published([message.id for message in claimed])

    try:
        async with engine.begin() as connection:
            await connection.run_sync(scratch.create_all)
        writers = (store(notes_unit_of_work(engine), Note.write(f"n{n}", "")) for n in range(20))
        await asyncio.gather(*writers, relay())

        assert await count_notes(engine) == 20
        assert len(await outbox_contents(engine)) == 20
    finally:
        await engine.dispose()


async def test_a_database_that_cannot_be_opened_makes_the_unit_of_work_unavailable(
    unreachable_sqlite_url: str,
) -> None:
    engine = create_engine(unreachable_sqlite_url)
    try:
        with pytest.raises(UnavailableError, match="unable to open database file"):
            await store(notes_unit_of_work(engine), Note.write("n1", "first"))
    finally:
        await engine.dispose()


async def test_a_database_locked_for_longer_than_the_wait_makes_the_unit_of_work_unavailable(
    migrated_sqlite_url: str, tmp_path: Path
) -> None:
    engine = sqlite_engine_waiting_for_locks(migrated_sqlite_url, 50)
    async with engine.begin() as connection:
        await connection.run_sync(scratch.create_all)
    # Another process holds the write lock: what a message's handling may meet.
    other_process = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UnavailableError, match="database is locked"):
            await store(notes_unit_of_work(engine), Note.write("n1", "first"))
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()
    try:
        assert await count_notes(engine) == 0
    finally:
        await engine.dispose()
