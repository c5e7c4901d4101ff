from typing import Generic, TypeVar

IdT = TypeVar("IdT")


class Entity(Generic[IdT]):
    """An object defined by its identity, not by its attributes.

    Two entities are equal when they are of the same type and carry the same id, whatever
    else about them differs; their attributes may change over their lifetime.
    """

    def __init__(self, id: IdT) -> None:
        self._id = id

    @property
    def id(self) -> IdT:
        return self._id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity) or type(other) is not type(self):
            return NotImplemented
        return bool(self._id == other._id)

    def __hash__(self) -> int:
        return hash((type(self), self._id))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self._id!r})"
