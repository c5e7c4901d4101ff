from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request


def provided(name: str) -> Callable[[Request], Awaitable[Any]]:
    """A FastAPI dependency: what the app's container provides under `name`.

    `name` is a provider's dotted path in the container (`check_readiness`), so routes
    never import the composition root; tests override the provider, not the route. The
    dependency is async on purpose: FastAPI runs a synchronous one in a thread pool.
    """
    path = name.split(".")

    async def dependency(request: Request) -> Any:
        provider = request.app.state.container
        for part in path:
            provider = getattr(provider, part)
        return provider()

    return dependency
