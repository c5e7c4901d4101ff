"""Building blocks every aggregate is made of (the shared kernel of tactical DDD)."""

from {{cookiecutter.package_name}}.domain.building_blocks.aggregate_root import AggregateRoot
from {{cookiecutter.package_name}}.domain.building_blocks.domain_error import (
    DomainError,
    IllegalStateTransitionError,
    quoted,
)
from {{cookiecutter.package_name}}.domain.building_blocks.domain_event import DomainEvent
from {{cookiecutter.package_name}}.domain.building_blocks.entity import Entity
from {{cookiecutter.package_name}}.domain.building_blocks.value_object import ValueObject

__all__ = [
    "AggregateRoot",
    "DomainError",
    "DomainEvent",
    "Entity",
    "IllegalStateTransitionError",
    "ValueObject",
    "quoted",
]
