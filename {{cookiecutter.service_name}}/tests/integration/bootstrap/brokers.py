"""Hand-written broker connections for the bootstrap tests: each fails in one known way."""

import asyncio


class BrokerThatCannotBeClosed:
    """Connects at once; closing raises, as a NATS client does while it reconnects."""

    def __init__(self) -> None:
        self.close_attempts = 0

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        self.close_attempts += 1
        raise ConnectionError("the connection is reconnecting")


class BrokerUnreachableOnce:
    """The first `connect` raises `error`; the next one connects."""

    def __init__(self, error: Exception) -> None:
        self._error: Exception | None = error
        self.connected = asyncio.Event()

    async def connect(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        self.connected.set()

    async def close(self) -> None:
        return None


class BrokerThatConnects:
    """Connects at once and closes at once: a broker with nothing wrong."""

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        return None


class BrokerThatNeverCloses:
    """Connects at once; closing never ends, as with a broker that stopped answering."""

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        await asyncio.Event().wait()


class BrokerSlowToConnect:
    """Connecting takes `seconds`; `happened` records, in order, how it ended and closing."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self.connecting = asyncio.Event()
        self.happened: list[str] = []

    async def connect(self) -> None:
        self.connecting.set()
        try:
            await asyncio.sleep(self._seconds)
        except asyncio.CancelledError:
            self.happened.append("connecting cut short")
            raise
        self.happened.append("connected")

    async def close(self) -> None:
        self.happened.append("closed")
