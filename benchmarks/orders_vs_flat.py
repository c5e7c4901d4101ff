"""The layered `orders` service against a flat app doing the same work, over real HTTP.

    uv run python benchmarks/orders_vs_flat.py [--database sqlite|postgresql]
        [--requests N] [--concurrency N] [--runs N] [--warmup N]

Bakes `order-service` into a temporary directory and installs it with `uv sync`, then serves
in turn (never both at once) the baked service and `benchmarks/flat_orders/app.py`, with the
same interpreter, the same uvicorn options and a fresh database of the same kind for each
run. For each it measures the start-up (process start to the first 200 from
`GET /health/live`), drives `POST /orders` then `GET /orders/{id}` with httpx (keep-alive,
bounded concurrency) timing each request and reading the server's CPU time, and, with the
server stopped, checks that every acknowledged order is in the database. It prints the
medians over the runs, the ratios layered/flat and the targets. The server's CPU time per
request is the steadiest figure on a shared machine: it does not depend on who else runs.

It is a benchmark, not a test: it prints figures and never fails on a slow machine. The load
needs httpx, which the template's environment lacks, so once the project is baked the script
carries on (by `exec`, in the same process) under the baked project's interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
FLAT_APP = Path(__file__).resolve().parent / "flat_orders" / "app.py"
POSTGRESQL_ADMIN_URL = "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres"
HOST = "127.0.0.1"
SERVER_OPTIONS = ("--host", HOST, "--workers", "1", "--no-access-log", "--log-level", "warning")
STARTUP_POLL_SECONDS = 0.01
STARTUP_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30.0

# The targets, as ratios layered / flat.
MIN_THROUGHPUT_RATIO = 0.95
MAX_P99_RATIO = 1.1
MAX_STARTUP_RATIO = 1.1


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_quietly(command: Sequence[str], *, cwd: Path | None = None, env: dict[str, str]) -> None:
    """Run a command, showing its output only if it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr)[-3000:]
        raise RuntimeError(f"{' '.join(command)} exited with {done.returncode}:\n{output}")


# --- stage 1, in the template's environment: bake, install, hand over ----------------------


def child_environment() -> dict[str, str]:
    """This environment without another venv or make's flags, and our `uv` first on PATH."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def bake_and_install(database: str, work_dir: Path, env: dict[str, str]) -> Path:
    log(f"baking order-service (database={database}) into {work_dir}")
    run_quietly(
        [
            *(sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(work_dir)),
            *(str(REPO_ROOT), f"database={database}", "example=orders"),
        ],
        env=env,
    )
    project = work_dir / "order-service"
    uv = shutil.which("uv", path=env["PATH"])
    if uv is None:
        raise SystemExit("uv is not installed next to this Python nor on PATH")
    log("uv sync")
    run_quietly([uv, "sync"], cwd=project, env=env)
    return project


def stage_one(args: argparse.Namespace, argv: Sequence[str]) -> None:
    env = child_environment()
    work_dir = Path(tempfile.mkdtemp(prefix="bench-orders-"))
    try:
        project = bake_and_install(args.database, work_dir, env)
    except BaseException:
        shutil.rmtree(work_dir, ignore_errors=True)
        raise
    python = project / ".venv" / "bin" / "python"
    sys.stdout.flush()
    sys.stderr.flush()
    # From here on this process is the baked project's Python: it has httpx and SQLAlchemy.
    os.execve(
        python,
        [
            *(str(python), str(Path(__file__).resolve()), *argv),
            *("--project", str(project), "--work-dir", str(work_dir)),
        ],
        env,
    )


# --- stage 2, under the baked project's Python: databases, servers, load -------------------


@dataclass(frozen=True)
class App:
    name: str
    target: tuple[str, ...]  # what follows `python -m uvicorn`, before the common options


@dataclass
class Phase:
    """One batch of requests: the latency of each success, in seconds, the wall time, and
    the CPU time the server process spent meanwhile."""

    latencies: list[float]
    elapsed: float
    failures: int
    server_cpu: float = float("nan")

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


@dataclass
class Run:
    startup: float
    place: Phase
    get: Phase
    acknowledged: int  # 201s received, warm-up included
    stored: int  # SELECT count(*) FROM orders, server stopped
    missing: int  # acknowledged ids absent from the table
    announced: int  # SELECT count(*) FROM outbox_messages: one message per stored order
    sample: dict[str, Any] = field(default_factory=dict)  # one POST answer, for a parity check


def order_body(index: int) -> bytes:
    """A two-line order; one in ten has enough units for the bulk discount."""
    return json.dumps(
        {
            "customer_id": str(uuid.uuid4()),
            "lines": [
                {
                    "sku": "BOOK-1",
                    "quantity": 2,
                    "unit_price": {"amount": "12.50", "currency": "EUR"},
                },
                {
                    "sku": f"PEN-{index % 7}",
                    "quantity": 120 if index % 10 == 0 else 3,
                    "unit_price": {"amount": "1.99", "currency": "EUR"},
                },
            ],
        }
    ).encode()


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux); NaN where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


Send = Callable[[int], Awaitable[bool]]


async def load(count: int, senders: Sequence[Send], server_pid: int) -> Phase:
    """Requests 0 .. count - 1, one worker per sender, each request timed."""
    latencies: list[float] = []
    failures = 0
    indexes = iter(range(count))

    async def worker(send: Send) -> None:
        nonlocal failures
        for index in indexes:  # shared: each worker takes the next index
            started = time.perf_counter()
            ok = await send(index)
            finished = time.perf_counter()
            if ok:
                latencies.append(finished - started)
            else:
                failures += 1

    cpu_before = process_cpu_seconds(server_pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker(send) for send in senders))
    elapsed = time.perf_counter() - started
    return Phase(latencies, elapsed, failures, process_cpu_seconds(server_pid) - cpu_before)


async def drive(
    port: int, server_pid: int, requests: int, warmup: int, concurrency: int
) -> tuple[Phase, Phase, list[uuid.UUID], dict[str, Any]]:
    """Warm up, then POST `requests` orders and GET each one created; return the acked ids.

    Each of the `concurrency` workers has a client of its own with one keep-alive
    connection: one client with a pool of 32 spends so long managing its pool that it,
    not the server, sets the pace (on 2 cores: about 350 requests/s, against 1,400 so).
    """
    import httpx  # type: ignore[import-not-found, unused-ignore]

    headers = {"content-type": "application/json"}
    bodies = [order_body(index) for index in range(warmup + requests)]
    sample: dict[str, Any] = {}
    one_connection = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=f"http://{HOST}:{port}", limits=one_connection, timeout=30.0
                )
            )
            for _ in range(concurrency)
        ]

        def placing(offset: int, created: list[uuid.UUID]) -> list[Send]:
            def sender(client: httpx.AsyncClient) -> Send:
                async def place(index: int) -> bool:
                    try:
                        response = await client.post(
                            "/orders", content=bodies[offset + index], headers=headers
                        )
                    except httpx.HTTPError:
                        return False
                    if response.status_code != 201:
                        return False
                    answer = response.json()
                    created.append(uuid.UUID(answer["id"]))
                    if offset + index == 0:  # the same lines to both apps
                        sample.update(answer, location=response.headers.get("location"))
                    return True

                return place

            return [sender(client) for client in clients]

        def getting(ids: list[uuid.UUID]) -> list[Send]:
            def sender(client: httpx.AsyncClient) -> Send:
                async def get(index: int) -> bool:
                    try:
                        response = await client.get(f"/orders/{ids[index]}")
                    except httpx.HTTPError:
                        return False
                    return bool(response.status_code == 200)

                return get

            return [sender(client) for client in clients]

        warm_ids: list[uuid.UUID] = []
        await load(warmup, placing(0, warm_ids), server_pid)
        await load(len(warm_ids), getting(warm_ids), server_pid)
        created: list[uuid.UUID] = []
        place = await load(requests, placing(warmup, created), server_pid)
        get = await load(len(created), getting(created), server_pid)
    return place, get, warm_ids + created, sample


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def answers_live(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=1.0)
    try:
        connection.request("GET", "/health/live")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serving(
    app: App, database_url: str, work_dir: Path, env: dict[str, str]
) -> Iterator[tuple[int, float, int]]:
    """Start `app` on a free port; yield (port, start-up seconds, pid); stop it on exit."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", *app.target, *SERVER_OPTIONS, "--port", str(port)]
    log_path = work_dir / f"{app.name}.log"
    with log_path.open("ab") as server_log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=work_dir,
            # The outbox is left to a `worker`, as the flat app leaves its own: both measure
            # the request path, which writes the message in the order's transaction.
            env=env | {"DATABASE_URL": database_url, "RUN_RELAY": "false"},
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C reaches us only; we stop the server
        )
    try:
        while not answers_live(port):
            if (
                process.poll() is not None
                or time.perf_counter() - started > STARTUP_TIMEOUT_SECONDS
            ):
                tail = log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{app.name} did not start; its log ends:\n{tail}")
            time.sleep(STARTUP_POLL_SECONDS)
        yield port, time.perf_counter() - started, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def stored_order_ids(database_url: str) -> tuple[int, set[uuid.UUID], int]:
    """`SELECT count(*) FROM orders`, the ids themselves, and the count of outbox messages."""
    from sqlalchemy import (  # type: ignore[import-not-found, unused-ignore]
        Uuid,
        column,
        func,
        select,
        table,
    )
    from sqlalchemy.ext.asyncio import (  # type: ignore[import-not-found, unused-ignore]
        create_async_engine,
    )

    orders = table("orders", column("id", Uuid()))
    outbox = table("outbox_messages")
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            count: int = (
                await connection.execute(select(func.count()).select_from(orders))
            ).scalar_one()
            ids: set[uuid.UUID] = set((await connection.execute(select(orders.c.id))).scalars())
            announced: int = (
                await connection.execute(select(func.count()).select_from(outbox))
            ).scalar_one()
    finally:
        await engine.dispose()
    return count, ids, announced


async def postgresql(admin_url: str, *statements: str) -> None:
    """Run statements such as CREATE DATABASE, outside any transaction."""
    from sqlalchemy import text  # type: ignore[import-not-found, unused-ignore]
    from sqlalchemy.ext.asyncio import (  # type: ignore[import-not-found, unused-ignore]
        create_async_engine,
    )

    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


class Databases:
    """Fresh, empty databases of one kind, and their removal."""

    def __init__(self, kind: str, work_dir: Path, admin_url: str) -> None:
        self._kind = kind
        self._work_dir = work_dir
        self._admin_url = admin_url
        self._token = uuid.uuid4().hex[:8]
        self._created: list[str] = []

    def fresh(self, name: str) -> str:
        if self._kind == "sqlite":
            return f"sqlite+aiosqlite:///{self._work_dir / f'{name}.db'}"
        database = f"bench_{self._token}_{name}"
        asyncio.run(postgresql(self._admin_url, f'CREATE DATABASE "{database}"'))
        self._created.append(database)
        return f"{self._admin_url.rsplit('/', 1)[0]}/{database}"

    def drop_all(self) -> None:
        if self._created:
            drops = [f'DROP DATABASE IF EXISTS "{database}"' for database in self._created]
            asyncio.run(postgresql(self._admin_url, *drops))
            self._created.clear()


def prepare_schema(
    app: App, database_url: str, project: Path, flat_dir: Path, env: dict[str, str]
) -> None:
    env = env | {"DATABASE_URL": database_url}
    if app.name == "layered":
        uv = shutil.which("uv", path=env["PATH"]) or "uv"
        run_quietly([uv, "run", "alembic", "upgrade", "head"], cwd=project, env=env)
    else:
        run_quietly([sys.executable, str(flat_dir / "app.py")], cwd=flat_dir, env=env)


def measure(
    app: App, database_url: str, args: argparse.Namespace, work_dir: Path, env: dict[str, str]
) -> Run:
    with serving(app, database_url, work_dir, env) as (port, startup, pid):
        place, get, acknowledged, sample = asyncio.run(
            drive(port, pid, args.requests, args.warmup, args.concurrency)
        )
    stored, ids, announced = asyncio.run(stored_order_ids(database_url))
    missing = len(set(acknowledged) - ids)
    return Run(startup, place, get, len(acknowledged), stored, missing, announced, sample)


def comparable(sample: dict[str, Any]) -> dict[str, Any]:
    """A POST answer without what differs from order to order."""
    ignored = {"id", "customer_id", "placed_at", "location"}
    kept = {key: value for key, value in sample.items() if key not in ignored}
    return kept | {
        "location is the order's URL": sample.get("location") == f"/orders/{sample.get('id')}"
    }


def report(args: argparse.Namespace, results: dict[str, list[Run]], same_answers: bool) -> None:
    layered, flat = results["layered"], results["flat"]

    def median(runs: list[Run], figure: Callable[[Run], float]) -> float:
        return statistics.median(figure(run) for run in runs)

    # (label, figure, format, target: (ratio bound, "min" or "max") or None)
    rows: list[tuple[str, Callable[[Run], float], str, tuple[float, str] | None]] = [
        ("place  req/s", lambda r: r.place.throughput, "{:.0f}", (MIN_THROUGHPUT_RATIO, "min")),
        ("place  p50 ms", lambda r: r.place.percentile(50) * 1000, "{:.1f}", None),
        (
            "place  p99 ms",
            lambda r: r.place.percentile(99) * 1000,
            "{:.1f}",
            (MAX_P99_RATIO, "max"),
        ),
        ("place  CPU ms/req", lambda r: r.place.cpu_per_request * 1000, "{:.2f}", None),
        ("get    req/s", lambda r: r.get.throughput, "{:.0f}", (MIN_THROUGHPUT_RATIO, "min")),
        ("get    p50 ms", lambda r: r.get.percentile(50) * 1000, "{:.1f}", None),
        ("get    p99 ms", lambda r: r.get.percentile(99) * 1000, "{:.1f}", (MAX_P99_RATIO, "max")),
        ("get    CPU ms/req", lambda r: r.get.cpu_per_request * 1000, "{:.2f}", None),
        ("start-up s", lambda r: r.startup, "{:.3f}", (MAX_STARTUP_RATIO, "max")),
    ]
    print()
    print(
        f"orders: layered service vs flat app, {args.database}, {args.runs} runs of "
        f"{args.requests} POST + {args.requests} GET, concurrency {args.concurrency}, "
        f"{args.warmup} warm-up orders; medians over the runs"
    )
    print(f"{'':18}{'layered':>10}{'flat':>10}{'layered/flat':>14}   target")
    for label, figure, number, target in rows:
        mine, theirs = median(layered, figure), median(flat, figure)
        ratio = mine / theirs
        verdict = ""
        if target is not None:
            bound, kind = target
            met = ratio >= bound if kind == "min" else ratio <= bound
            verdict = (
                f"{'>=' if kind == 'min' else '<='} {bound:.2f}x  {'met' if met else 'MISSED'}"
            )
        print(
            f"{label:18}{number.format(mine):>10}{number.format(theirs):>10}"
            f"{ratio:>13.2f}x   {verdict}"
        )
    counts: list[tuple[str, Callable[[Run], int]]] = [
        ("acked writes", lambda r: r.acknowledged),
        ("in database", lambda r: r.stored),
        ("acked, missing", lambda r: r.missing),
        ("in the outbox", lambda r: r.announced),
    ]
    for label, count in counts:
        print(f"{label:18}{sum(map(count, layered)):>10}{sum(map(count, flat)):>10}")
    committed = all(r.missing == 0 and r.acknowledged > 0 for r in layered)
    print(f"every acknowledged write committed (layered): {'met' if committed else 'MISSED'}")
    failures = sum(r.place.failures + r.get.failures for runs in results.values() for r in runs)
    print(f"failed requests (not 201/200, or no answer), all runs: {failures}")
    print(
        f"same POST answer from both (id, customer, time aside): {'yes' if same_answers else 'NO'}"
    )


def interrupt(signum: int, _frame: object) -> None:
    """Stop at once, wherever we are, so the `finally` blocks clean up.

    Installed for SIGINT too: `asyncio.run` would otherwise only cancel the load, which
    httpx may swallow, and carry on with the next run.
    """
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def stage_two(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    project, work_dir = Path(args.project), Path(args.work_dir)
    # The untimed first start below writes the bytecode caches, as a deployment has them;
    # an environment that forbids writing them would make each start compile everything.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    flat_dir = work_dir / "flat_orders"  # a copy, so no bytecode lands in the repository
    flat_dir.mkdir()
    shutil.copy2(FLAT_APP, flat_dir / "app.py")
    apps = [
        App("layered", ("order_service.bootstrap.app:create_app", "--factory")),
        App("flat", ("app:app", "--app-dir", str(flat_dir))),
    ]
    databases = Databases(args.database, work_dir, args.postgresql_url)
    results: dict[str, list[Run]] = {app.name: [] for app in apps}
    try:
        # Untimed first start of each: writes the bytecode caches and warms the file cache.
        for app in apps:
            with serving(app, databases.fresh(f"{app.name}_prime"), work_dir, env):
                pass
        for run in range(args.runs):
            for app in apps if run % 2 == 0 else apps[::-1]:  # alternate who goes first
                database_url = databases.fresh(f"{app.name}_{run}")
                prepare_schema(app, database_url, project, flat_dir, env)
                result = measure(app, database_url, args, work_dir, env)
                results[app.name].append(result)
                log(
                    f"run {run + 1}/{args.runs} {app.name:7}: start-up {result.startup:.3f}s"
                    f"  place {result.place.throughput:.0f}/s"
                    f" p50 {result.place.percentile(50) * 1000:.1f}"
                    f" p99 {result.place.percentile(99) * 1000:.1f} ms"
                    f" cpu {result.place.cpu_per_request * 1000:.2f} ms/req"
                    f"  get {result.get.throughput:.0f}/s"
                    f" p50 {result.get.percentile(50) * 1000:.1f}"
                    f" p99 {result.get.percentile(99) * 1000:.1f} ms"
                    f" cpu {result.get.cpu_per_request * 1000:.2f} ms/req"
                    f"  acked {result.acknowledged} stored {result.stored}"
                )
    finally:
        databases.drop_all()
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
    same = comparable(results["layered"][0].sample) == comparable(results["flat"][0].sample)
    report(args, results, same)


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=positive, default=3000, help="POSTs, then as many GETs")
    parser.add_argument("--concurrency", type=positive, default=32)
    parser.add_argument("--runs", type=positive, default=3, help="the median is reported")
    parser.add_argument("--warmup", type=positive, default=200, help="orders before each run")
    parser.add_argument(
        "--postgresql-url",
        default=POSTGRESQL_ADMIN_URL,
        help="a database on the server to connect to for CREATE/DROP DATABASE",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    # Set by stage one when it hands over to the baked project's Python.
    parser.add_argument("--project", help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> None:
    argv = sys.argv[1:]
    args = parse_arguments(argv)
    if args.project is None:
        stage_one(args, argv)
        return
    try:
        stage_two(args)
    except KeyboardInterrupt as stop:
        log(f"{stop or 'interrupted'}: servers stopped, databases and temporary files removed")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
