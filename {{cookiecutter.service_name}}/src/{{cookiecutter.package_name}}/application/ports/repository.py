from typing import Any, Protocol, TypeVar

from {{cookiecutter.package_name}}.domain.building_blocks import AggregateRoot

AggregateT = TypeVar("AggregateT", bound=AggregateRoot[Any])
IdT_contra = TypeVar("IdT_contra", contravariant=True)


class Repository(Protocol[AggregateT, IdT_contra]):
    """The shape of a repository: a collection of one kind of aggregate.

    Each aggregate gets its own port of this shape (`AccountRepository`), which may add
    queries of its own. Loading and adding happen inside a `UnitOfWork`; nothing is
    written until it commits.
    """

    async def get(self, id: IdT_contra) -> AggregateT | None:
        """The aggregate with this id, or None when there is none."""
        ...

    def add(self, aggregate: AggregateT) -> None:
        """Track a new aggregate; it is inserted when the unit of work commits."""
        ...
