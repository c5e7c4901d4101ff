from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Something that happened in the domain, named in the past tense (`Deposited`).

    Subclasses are frozen dataclasses that add their own fields. `occurred_at` comes from
    the caller (ultimately the `Clock` port), so the domain never reads the wall clock.
    """

    occurred_at: datetime
    event_id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware")

    @property
    def name(self) -> str:
        return type(self).__name__
