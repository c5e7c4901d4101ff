"""SQLAlchemy's failures that mean "not now", raised as the application's `UnavailableError`.

The application cannot know what SQLAlchemy raises, yet whoever drives it must tell "not
now" from "not this": a message whose handling failed because the database was away must
come back later, not go to the dead-letter queue, and a request deserves 503, not 500.
"""

from types import TracebackType

from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from {{cookiecutter.package_name}}.application.errors import UnavailableError

# The statement or its data is at fault: trying again later fails again.
_STATEMENT_AT_FAULT = (DataError, IntegrityError, NotSupportedError, ProgrammingError)
# The same, by SQLSTATE class, for drivers that raise a plain `DBAPIError` for it (asyncpg,
# through SQLAlchemy, for a value too long or a number out of range): a cardinality
# violation, a data exception, an integrity constraint, a syntax or access rule, a check
# option, a feature not supported.
_STATEMENT_AT_FAULT_CLASSES = frozenset({"21", "22", "23", "42", "44", "0A"})
# But a table or column the code names and the database lacks means the migrations have
# not run yet (a deployment that starts the service first): not now, rather than a message
# dead-lettered for good. SQLite says the same with an `OperationalError`, away already.
_SCHEMA_BEHIND = frozenset({"42P01", "42703"})


def unavailable_error(error: BaseException) -> UnavailableError | None:
    """`error` as an `UnavailableError` when it means the database is away, else None.

    Away: a connection refused, lost or not authorised, a lock not granted in time, a
    full pool, a table not made yet; any database failure but a statement's own.
    """
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None)
        at_fault = isinstance(error, _STATEMENT_AT_FAULT) or (
            isinstance(sqlstate, str) and sqlstate[:2] in _STATEMENT_AT_FAULT_CLASSES
        )
        if at_fault and sqlstate not in _SCHEMA_BEHIND:
            return None
        cause: BaseException = error.orig if error.orig is not None else error
    elif isinstance(error, OSError | PoolTimeoutError):
        cause = error
    else:
        return None
    # A timeout carries no text of its own: say what it means.
    text = str(cause) or "no answer in time"
    reason = f"{type(cause).__name__}: {text}".splitlines()[0]
    return UnavailableError(f"the database is unavailable ({reason})")


class _TranslatedFailures:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is not None and (unavailable := unavailable_error(exc)) is not None:
            raise unavailable from exc


translated_failures = _TranslatedFailures()
"""`async with translated_failures, engine.connect() as connection:` raises
`UnavailableError` in place of what means the database is away; the rest goes on as is."""
