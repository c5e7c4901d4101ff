"""Ports: what the application needs from the outside world, as `typing.Protocol`s."""

from {{cookiecutter.package_name}}.application.ports.clock import Clock
from {{cookiecutter.package_name}}.application.ports.health_check import HealthCheck
from {{cookiecutter.package_name}}.application.ports.repository import Repository
from {{cookiecutter.package_name}}.application.ports.unit_of_work import UnitOfWork

__all__ = ["Clock", "HealthCheck", "Repository", "UnitOfWork"]
