from typing import Any

from fastapi import Request


def provided(request: Request, name: str) -> Any:
    """What the app's container provides under `name`, for the route serving `request`.

    `name` is a provider's dotted path in the container (`check_readiness`, or a slice's
    `<slice>.<use case>`), so routes never import the composition root; tests override the
    provider, not the route. A plain call, not a FastAPI dependency: FastAPI solves every
    dependency as a dependant of its own on each request, about 5% of a simple read's CPU.
    """
    provider = request.app.state.container
    for part in name.split("."):
        provider = getattr(provider, part)
    return provider()
