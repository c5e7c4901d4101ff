import asyncio


async def wait_unless_stopped(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds`, or less once `stop` is set: a background loop's pause that does not
    hold up the process's shutdown."""
    try:
        async with asyncio.timeout(seconds):
            await stop.wait()
    except TimeoutError:
        pass
