"""Every use case has the shape `application/use_case.py` states."""

import dataclasses
import importlib
import inspect
import pkgutil
from typing import get_type_hints

from {{cookiecutter.package_name}}.application import use_cases
from {{cookiecutter.package_name}}.application.use_case import UseCase


def handlers() -> list[type]:
    """Each `...Handler` class defined under `application/use_cases/`."""
    found = []
    for module_info in pkgutil.walk_packages(use_cases.__path__, f"{use_cases.__name__}."):
        module = importlib.import_module(module_info.name)
        found += [
            member
            for name, member in vars(module).items()
            if inspect.isclass(member)
            and name.endswith("Handler")
            and member.__module__ == module.__name__
        ]
    return found


def test_each_handler_executes_one_frozen_command_or_query_of_its_name() -> None:
    found = handlers()

    assert found, "no use case found"
    for handler in found:
        assert issubclass(handler, UseCase), handler
        assert inspect.iscoroutinefunction(handler.execute), handler
        hints = get_type_hints(handler.execute)
        [message] = [hint for name, hint in hints.items() if name != "return"]
        assert isinstance(message, type), (handler, message)
        assert dataclasses.is_dataclass(message), (handler, message)
        assert vars(message)["__dataclass_params__"].frozen, (handler, message)
        assert handler.__name__ == f"{message.__name__}Handler", (handler, message)
