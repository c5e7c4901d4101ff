"""The benchmark's load: keep-alive HTTP/1.1 connections, each request timed.

The load shares the machine's cores with the server it measures, so it must cost far less
CPU than the server: httpx spends about as much per request as the service itself (over
2 ms), and with it the figures said more about the client and the scheduler than about the
server. `KeepAliveConnection` knows just enough HTTP/1.1 to send a request and read an
answer with a `Content-Length`, which is all uvicorn sends here (about 0.15 ms a request).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"

# What a request can fail with: no answer, a closed connection or a garbled answer.
REQUEST_ERRORS = (OSError, EOFError, ValueError, KeyError, IndexError)


class KeepAliveConnection:
    """One keep-alive HTTP/1.1 connection to a server on `HOST`."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self._port = port
        self._authorization = "" if token is None else f"authorization: Bearer {token}\r\n"
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        """Send one request; return the status, the headers (lower-case names) and the body.

        On any failure the connection is dropped, and the next request opens another.
        """
        if self._streams is None:
            self._streams = await asyncio.open_connection(HOST, self._port)
        reader, writer = self._streams
        head = f"{method} {path} HTTP/1.1\r\nhost: {HOST}\r\n{self._authorization}"
        if body:
            head += f"content-type: application/json\r\ncontent-length: {len(body)}\r\n"
        try:
            writer.write(head.encode() + b"\r\n" + body)
            lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(":") for line in lines[1:] if line)
            }
            content = await reader.readexactly(int(headers["content-length"]))
        except BaseException:
            await self.close()
            raise
        return int(lines[0].split(" ", 2)[1]), headers, content

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


@dataclass
class Phase:
    """One batch of requests: the latency of each success, in seconds, the wall time, and
    the CPU time the server process spent meanwhile."""

    latencies: list[float]
    elapsed: float
    failures: int
    server_cpu: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed

    def percentile(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1]

    @property
    def cpu_per_request(self) -> float:
        return self.server_cpu / max(len(self.latencies) + self.failures, 1)


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux); NaN where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Request = Callable[[KeepAliveConnection, int], Awaitable[bool]]
"""Sends request number `index` on a connection; True if it succeeded."""


async def load(
    count: int, request: Request, connections: Sequence[KeepAliveConnection], server_pid: int
) -> Phase:
    """Requests 0 .. count - 1, one worker per connection, each request timed."""
    latencies: list[float] = []
    failures = 0
    indexes = iter(range(count))

    async def worker(connection: KeepAliveConnection) -> None:
        nonlocal failures
        for index in indexes:  # shared: each worker takes the next index
            started = time.perf_counter()
            ok = await request(connection, index)
            finished = time.perf_counter()
            if ok:
                latencies.append(finished - started)
            else:
                failures += 1

    cpu_before = process_cpu_seconds(server_pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker(connection) for connection in connections))
    elapsed = time.perf_counter() - started
    return Phase(latencies, elapsed, failures, process_cpu_seconds(server_pid) - cpu_before)
