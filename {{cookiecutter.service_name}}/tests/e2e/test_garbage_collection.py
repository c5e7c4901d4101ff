"""While the service runs, what it built at start-up is left out of full collections, and
its youngest generation is collected rarely."""

import gc

from fastapi import FastAPI

from tests.e2e.conftest import serve


async def test_start_up_objects_are_frozen_while_the_app_runs(app: FastAPI) -> None:
    frozen_before = gc.get_freeze_count()

    async for _client in serve(app):
        frozen_while_running = gc.get_freeze_count()

    assert frozen_while_running > frozen_before + 10_000  # modules, classes, the container
    assert gc.get_freeze_count() == frozen_before


async def test_young_collections_are_spaced_out_while_the_app_runs(app: FastAPI) -> None:
    threshold_before = gc.get_threshold()

    async for _client in serve(app):
        threshold_while_running = gc.get_threshold()

    # The young generation waits for 10,000 net allocations, not Python's 700.
    assert threshold_while_running == (10_000, *threshold_before[1:])
    assert gc.get_threshold() == threshold_before
