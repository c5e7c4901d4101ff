"""The worker: the relay in a process of its own, watched through its health probes alone."""

import json
import os
import signal
import subprocess
import sys
import urllib.request
from functools import partial
from pathlib import Path

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.messages.outbox import (
    append_to_outbox,
)

from tests.e2e.conftest import build_app, build_worker, serve
from tests.messaging import a_message, eventually


async def test_the_worker_serves_its_probes_and_no_api(migrated_database_url: str) -> None:
    worker = build_worker(migrated_database_url, InMemoryBroker())
    api_paths = build_app(migrated_database_url).openapi()["paths"]
    not_probes = [
        path.replace("{", "").replace("}", "") for path in api_paths if "/health/" not in path
    ] + ["/openapi.json", "/docs"]

    async for client in serve(worker):
        live = await client.get("/health/live")
        ready = await client.get("/health/ready")
        others = {path: (await client.get(path)).status_code for path in not_probes}

    assert (live.status_code, ready.status_code) == (200, 200)
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok", "outbox": "ok"}
    assert others == dict.fromkeys(not_probes, 404)


async def test_the_worker_sends_what_the_api_committed(
    migrated_database_url: str, engine: AsyncEngine
) -> None:
    async with engine.begin() as connection:
        await append_to_outbox(connection, [a_message(1)])
    broker = InMemoryBroker()

    async for _client in serve(build_worker(migrated_database_url, broker)):
        await eventually(lambda: len(broker.published) == 1)

    assert broker.published[0].payload == {"number": 1}


async def test_the_worker_is_not_ready_while_it_cannot_send(
    migrated_database_url: str, engine: AsyncEngine
) -> None:
    async with engine.begin() as connection:
        await append_to_outbox(connection, [a_message(1)])
    broker = InMemoryBroker()
    broker.accepting = False

    async for client in serve(build_worker(migrated_database_url, broker)):
        # The broker's own check fails at once; the relay's, after its first round.
        await eventually(partial(outbox_check_is, client, "failing"))
        ready = await client.get("/health/ready")

    assert ready.status_code == 503
    assert broker.published == []


def test_the_worker_process_answers_its_probe_and_stops_on_sigterm(
    migrated_database_url: str, tmp_path: Path
) -> None:
    # Port 0: the system picks a free one, which uvicorn's start-up line names.
    environment = os.environ | {"DATABASE_URL": migrated_database_url}
    command = [sys.executable, "-m", "{{ cookiecutter.package_name }}.bootstrap.worker"]
    worker = subprocess.Popen(
        [*command, "--port", "0"], cwd=tmp_path, env=environment, stdout=subprocess.PIPE, text=True
    )
    try:
        url = probes_url(worker)
        with urllib.request.urlopen(f"{url}/health/live", timeout=10) as response:
            live = json.load(response)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    finally:
        worker.kill()
        output, _ = worker.communicate()

    assert live == {"status": "alive"}
    assert "Application shutdown complete." in output
    assert worker.returncode == -signal.SIGTERM, "it ends by the signal, as uvicorn does"


async def outbox_check_is(client: AsyncClient, answer: str) -> bool:
    return bool((await client.get("/health/ready")).json()["checks"]["outbox"] == answer)


def probes_url(worker: subprocess.Popen[str]) -> str:
    """The address in the worker's JSON line `Uvicorn running on http://...`."""
    assert worker.stdout is not None
    for line in worker.stdout:
        message = json.loads(line)["message"]
        if message.startswith("Uvicorn running on "):
            return str(message.split()[3])
    raise AssertionError(f"the worker ended ({worker.wait()}) without serving")
