"""The garbage collector as a server wants it: start-up objects out of its full passes,
and its youngest generation collected rarely enough that requests in flight are not walked
over and over."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_GENERATION_THRESHOLD = 10_000
"""Tracked objects allocated, net of those freed, before the youngest generation is
collected while serving (Python's default is 700)."""


@contextmanager
def start_up_objects_frozen() -> Iterator[None]:
    """While the block runs, the collector skips every object that exists on entering it.

    Those objects (modules, classes, the container, its singletons, the app) live as long
    as the process: about 100,000 of them, and each full collection walked them all while
    no request moved, for tens of milliseconds. Nothing is collected first: the start-up
    leaves a few dozen unreachable objects, and a collection would delay the first request.
    On leaving, they are handed back, so a process that starts and stops several services
    (the tests do) can still collect each one.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def young_collections_spaced_out(threshold: int = YOUNG_GENERATION_THRESHOLD) -> Iterator[None]:
    """While the block runs, the youngest generation is collected after `threshold` net
    allocations instead of Python's 700.

    Under load, the objects of the requests in flight are alive and young: with 32 requests
    at once they alone passed 700, so a collection came every few requests, walked them all
    and freed next to nothing, about 5% of a `POST`'s CPU. Reference counting frees what a
    request leaves behind; the collector is for cycles, which can wait that long. On
    leaving, the previous threshold is restored.
    """
    previous = gc.get_threshold()
    gc.set_threshold(threshold, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
