"""While the service runs, what it built at start-up is left out of full collections."""

import gc

from fastapi import FastAPI

from tests.e2e.conftest import serve


async def test_start_up_objects_are_frozen_while_the_app_runs(app: FastAPI) -> None:
    frozen_before = gc.get_freeze_count()

    async for _client in serve(app):
        frozen_while_running = gc.get_freeze_count()

    assert frozen_while_running > frozen_before + 10_000  # modules, classes, the container
    assert gc.get_freeze_count() == frozen_before
