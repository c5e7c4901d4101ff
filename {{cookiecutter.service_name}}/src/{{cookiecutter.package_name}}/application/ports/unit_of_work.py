from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """One atomic business transaction: everything in it commits together or not at all.

    Use it as an async context manager. Leaving the block without `commit` (or with an
    exception) rolls back, so a half-applied change is never written::

        async with uow:
            ...
            await uow.commit()
    """

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
