"""Keep what the process builds at start-up out of the garbage collector's full passes."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
