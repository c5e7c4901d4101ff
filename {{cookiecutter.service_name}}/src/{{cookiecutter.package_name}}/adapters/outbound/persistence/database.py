import logging
from functools import partial
from typing import Any

from sqlalchemy import URL, event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pre_ping: bool = False,
    pool_size: int = 10,
    max_overflow: int = 0,
    timeout_seconds: float | None = None,
) -> AsyncEngine:
    """An async engine for `url`: `sqlite+aiosqlite://...` or `postgresql+asyncpg://...`.

    The pool keeps `pool_size` connections open and lends up to `max_overflow` more when
    all are busy. It closes an overflow connection when it comes back, so under a steady
    load beyond the pool each overflow request pays a whole connect and authentication;
    with no overflow, requests wait their turn for a pooled connection instead.

    `pre_ping` tests every pooled connection with a round trip before use: it hides a
    database restart from requests, at the price of that round trip on each of them.
    Without it, connections are recycled after half an hour, and after a restart a stale
    one fails a single request before the pool replaces it.

    `timeout_seconds` bounds each wait the database may impose on a caller: for a pooled
    connection; on PostgreSQL, to connect and for each statement (asyncpg's `timeout` and
    `command_timeout`); on SQLite, for a lock another process holds (its busy timeout, 5 s
    when None). A database that stops answering then fails a request with
    `UnavailableError` (503) after a wait or two of that length, rather than holding it,
    and the process's shutdown, for as long as it is gone. None leaves PostgreSQL's
    statements unbounded, as a long migration needs.
    """
    pool: dict[str, Any] = {"pool_pre_ping": pre_ping, "pool_recycle": 1800}
    parsed = _in_asyncpg_terms(make_url(url))
    backend = parsed.get_backend_name()
    # An in-memory SQLite database lives in its one connection: there is no pool to size.
    pooled = backend != "sqlite" or parsed.database not in (None, "", ":memory:")
    if pooled:
        pool |= {"pool_size": pool_size, "max_overflow": max_overflow}
    if timeout_seconds is not None:
        if pooled:
            pool["pool_timeout"] = timeout_seconds  # the wait for a pooled connection
        if backend == "postgresql":
            pool["connect_args"] = {"timeout": timeout_seconds, "command_timeout": timeout_seconds}
    if echo:
        # Through logging, not `echo=True`: that adds a handler of SQLAlchemy's own, which
        # writes every statement to stdout a second time, as plain text among the JSON lines.
        logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    engine = create_async_engine(parsed, **pool)
    if engine.dialect.name == "sqlite":
        busy_milliseconds = round(1000 * (5.0 if timeout_seconds is None else timeout_seconds))
        configure = partial(_configure_sqlite_connection, busy_milliseconds=busy_milliseconds)
        event.listen(engine.sync_engine, "connect", configure)
    return engine


def _in_asyncpg_terms(url: URL) -> URL:
    """`url` with libpq's `sslmode`, found in most PostgreSQL URLs, as asyncpg's `ssl`,
    which takes the same values (`disable`, `prefer`, `require`, `verify-full`...)."""
    if url.get_backend_name() != "postgresql" or "sslmode" not in url.query:
        return url
    mode = url.query["sslmode"]
    return url.difference_update_query(["sslmode"]).update_query_dict({"ssl": mode})


def _configure_sqlite_connection(
    dbapi_connection: Any, _connection_record: Any, *, busy_milliseconds: int
) -> None:
    # SQLite leaves foreign keys off by default; WAL lets readers work during a write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_milliseconds}")
    cursor.close()
