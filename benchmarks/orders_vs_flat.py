"""The layered `orders` service against a flat app doing the same work, over real HTTP.

    uv run python benchmarks/orders_vs_flat.py [--database sqlite|postgresql]
        [--requests N] [--rounds N] [--concurrency N] [--warmup N] [--starts N]

Bakes `order-service` into a temporary directory and installs it with `uv sync`, then
compares the baked service with `benchmarks/flat_orders/app.py`, served by the same
interpreter with the same uvicorn options, each on a fresh database of the same kind:

- start-up: process start to the first 200 from `GET /health/live`, each app started
  `--starts` times, alternately;
- load: `--rounds` rounds; each starts both servers afresh and warms each up with
  `--warmup` orders, then each app in turn (never both at once) takes `--requests`
  `POST /orders`, then a `GET /orders/{id}` of each order created, from `--concurrency`
  keep-alive connections, each request timed and the server's CPU time read; interleaving
  the apps round by round lets both see the same machine, and fresh processes keep one
  process's luck (its CPU, its memory) from deciding a whole run;
- writes: with the servers stopped, every acknowledged order must be in the database.

It prints the medians, the ratios layered/flat and the targets. The server's CPU time per
request is the steadiest figure on a shared machine: it does not depend on who else runs.
It is a benchmark, not a test: it prints figures and never fails on a slow machine. The
check needs SQLAlchemy, which the template's environment lacks, so once the project is baked
the script carries on (by `exec`, in the same process) under the baked project's interpreter.
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
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import ExitStack, asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from http_load import HOST, REQUEST_ERRORS, KeepAliveConnection, Phase, load

REPO_ROOT = Path(__file__).resolve().parent.parent
FLAT_APP = Path(__file__).resolve().parent / "flat_orders" / "app.py"
POSTGRESQL_ADMIN_URL = "postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres"
SERVER_OPTIONS = (
    *("--host", HOST, "--workers", "1", "--no-access-log", "--log-level", "warning"),
    # Uvicorn closes a connection idle for 5 s, as one is while the other app takes its turn.
    *("--timeout-keep-alive", "60"),
)
# A shared host's virtual CPUs can differ in speed by tens of per cent, and the scheduler
# keeps a process on the CPU it ran on: were each server left where it started, one could
# run on the fast CPU all along. Both servers get the same CPU (they never run at once);
# the load, the others.
CPUS = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
SERVER_CPUS, LOAD_CPUS = (set(CPUS[-1:]), set(CPUS[:-1])) if len(CPUS) > 1 else (set(), set())
STARTUP_POLL_SECONDS = 0.01
STARTUP_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30.0

# The targets, as ratios layered / flat.
MIN_THROUGHPUT_RATIO = 0.95
MAX_P99_RATIO = 1.1
MAX_STARTUP_RATIO = 1.1

T = TypeVar("T")


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


def stage_one(database: str, argv: Sequence[str], script: Path) -> None:
    """Bake and install the service, then run `script` again under the baked project's Python
    with `--project` and `--work-dir` added to its arguments."""
    env = child_environment()
    work_dir = Path(tempfile.mkdtemp(prefix="bench-orders-"))
    try:
        project = bake_and_install(database, work_dir, env)
    except BaseException:
        shutil.rmtree(work_dir, ignore_errors=True)
        raise
    python = project / ".venv" / "bin" / "python"
    sys.stdout.flush()
    sys.stderr.flush()
    # From here on this process is the baked project's Python: it has SQLAlchemy.
    os.execve(
        python,
        [
            *(str(python), str(script), *argv),
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
class Round:
    """One app's share of a round: placing a batch of orders, then getting each of them."""

    place: Phase
    get: Phase


@dataclass(frozen=True)
class Outcome:
    """Everything measured of one app."""

    startups: list[float]
    rounds: list[Round]
    acknowledged: int  # 201s received, warm-up included
    stored: int  # SELECT count(*) FROM orders, server stopped
    missing: int  # acknowledged ids absent from the table
    announced: int  # SELECT count(*) FROM outbox_messages: one message per stored order
    sample: dict[str, Any]  # one POST answer, for a parity check


def in_turn(apps: Sequence[T], number: int) -> list[T]:
    """The order of turn `number`: as given, then reversed, so that no app always goes first."""
    return list(apps) if number % 2 == 0 else list(apps)[::-1]


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


class OrdersClient:
    """Places and gets orders on one server over `concurrency` keep-alive connections,
    and remembers every order it was told was created."""

    def __init__(self, port: int, server_pid: int, concurrency: int, token: str) -> None:
        self._connections = [KeepAliveConnection(port, token) for _ in range(concurrency)]
        self._server_pid = server_pid
        self._placed = 0
        self.acknowledged: list[uuid.UUID] = []
        self.sample: dict[str, Any] = {}

    async def place(self, count: int) -> tuple[Phase, list[uuid.UUID]]:
        """POST `count` orders; the phase, and the ids of those answered with 201."""
        first = self._placed
        self._placed += count
        bodies = [order_body(first + index) for index in range(count)]
        created: list[uuid.UUID] = []

        async def place(connection: KeepAliveConnection, index: int) -> bool:
            try:
                status, headers, body = await connection.request("POST", "/orders", bodies[index])
            except REQUEST_ERRORS:
                return False
            if status != 201:
                return False
            answer = json.loads(body)
            created.append(uuid.UUID(answer["id"]))
            if first + index == 0:  # the same lines to both apps
                self.sample.update(answer, location=headers.get("location"))
            return True

        phase = await load(count, place, self._connections, self._server_pid)
        self.acknowledged.extend(created)
        return phase, created

    async def get(self, ids: Sequence[uuid.UUID]) -> Phase:
        """GET each order of `ids`."""

        async def get(connection: KeepAliveConnection, index: int) -> bool:
            try:
                status, _, _ = await connection.request("GET", f"/orders/{ids[index]}")
            except REQUEST_ERRORS:
                return False
            return status == 200

        return await load(len(ids), get, self._connections, self._server_pid)

    async def close(self) -> None:
        for connection in self._connections:
            await connection.close()


@dataclass
class Driven:
    """What one app's servers were asked, round after round, and what they acknowledged."""

    rounds: list[Round] = field(default_factory=list)
    acknowledged: list[uuid.UUID] = field(default_factory=list)
    sample: dict[str, Any] = field(default_factory=dict)


async def drive_round(
    servers: dict[str, tuple[int, int]],
    number: int,
    args: argparse.Namespace,
    driven: dict[str, Driven],
    token: str,
) -> None:
    """Round `number` on freshly started servers: warm each up, then every app in turn (the
    first alternates) places `args.requests` orders and gets each one created.

    Only one is driven at a time: a round's two halves are seconds apart, so a change in the
    machine's speed (a shared host drifts by tens of per cent within minutes) falls on both
    alike.
    """
    clients = {
        name: OrdersClient(port, pid, args.concurrency, token)
        for name, (port, pid) in servers.items()
    }
    try:
        for client in clients.values():
            _, warm_ids = await client.place(args.warmup)
            await client.get(warm_ids)
        for name in in_turn(list(clients), number):
            place, created = await clients[name].place(args.requests)
            driven[name].rounds.append(Round(place, await clients[name].get(created)))
    finally:
        for name, client in clients.items():
            await client.close()
            driven[name].acknowledged.extend(client.acknowledged)
            driven[name].sample = driven[name].sample or client.sample


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
    if SERVER_CPUS:
        with suppress(ProcessLookupError):  # gone already: the loop below says why
            os.sched_setaffinity(process.pid, SERVER_CPUS)
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


@asynccontextmanager
async def connected(database_url: str, **engine_options: Any) -> AsyncIterator[Any]:
    """A connection to `database_url`, on an engine of its own that is disposed of after."""
    from sqlalchemy.ext.asyncio import (  # type: ignore[import-not-found, unused-ignore]
        create_async_engine,
    )

    engine = create_async_engine(database_url, **engine_options)
    try:
        async with engine.connect() as connection:
            yield connection
    finally:
        await engine.dispose()


async def stored_order_ids(database_url: str) -> tuple[int, set[uuid.UUID], int]:
    """`SELECT count(*) FROM orders`, the ids themselves, and the count of outbox messages."""
    from sqlalchemy import (  # type: ignore[import-not-found, unused-ignore]
        Uuid,
        column,
        func,
        select,
        table,
    )

    orders = table("orders", column("id", Uuid()))
    outbox = table("outbox_messages")
    async with connected(database_url) as connection:
        count: int = (
            await connection.execute(select(func.count()).select_from(orders))
        ).scalar_one()
        ids: set[uuid.UUID] = set((await connection.execute(select(orders.c.id))).scalars())
        announced: int = (
            await connection.execute(select(func.count()).select_from(outbox))
        ).scalar_one()
    return count, ids, announced


async def postgresql(admin_url: str, *statements: str) -> None:
    """Run statements such as CREATE DATABASE, outside any transaction."""
    from sqlalchemy import text  # type: ignore[import-not-found, unused-ignore]

    async with connected(admin_url, isolation_level="AUTOCOMMIT") as connection:
        for statement in statements:
            await connection.execute(text(statement))


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


def measure_startups(
    apps: Sequence[App], urls: dict[str, str], starts: int, work_dir: Path, env: dict[str, str]
) -> dict[str, list[float]]:
    """Start and stop each app `starts` times, alternating which goes first."""
    startups: dict[str, list[float]] = {app.name: [] for app in apps}
    for number in range(starts):
        for app in in_turn(apps, number):
            with serving(app, urls[app.name], work_dir, env) as (_, startup, _):
                startups[app.name].append(startup)
    return startups


def measure(
    apps: Sequence[App],
    urls: dict[str, str],
    args: argparse.Namespace,
    work_dir: Path,
    env: dict[str, str],
    token: str,
) -> dict[str, Outcome]:
    """The start-ups, then the rounds of load, then the check of every write."""
    startups = measure_startups(apps, urls, args.starts, work_dir, env)
    driven = {app.name: Driven() for app in apps}
    for number in range(args.rounds):
        with ExitStack() as running:
            servers = {}
            for app in in_turn(apps, number):
                port, _, pid = running.enter_context(serving(app, urls[app.name], work_dir, env))
                servers[app.name] = (port, pid)
            asyncio.run(drive_round(servers, number, args, driven, token))
    outcomes = {}
    for name, one in driven.items():
        stored, ids, announced = asyncio.run(stored_order_ids(urls[name]))
        missing = len(set(one.acknowledged) - ids)
        outcomes[name] = Outcome(
            startups[name],
            one.rounds,
            len(one.acknowledged),
            stored,
            missing,
            announced,
            one.sample,
        )
    return outcomes


def comparable(sample: dict[str, Any]) -> dict[str, Any]:
    """A POST answer without what differs from order to order."""
    ignored = {"id", "customer_id", "placed_at", "location"}
    kept = {key: value for key, value in sample.items() if key not in ignored}
    return kept | {
        "location is the order's URL": sample.get("location") == f"/orders/{sample.get('id')}"
    }


Figure = Callable[[Outcome], list[float]]
Row = tuple[str, Figure, str, tuple[float, str] | None]
"""(label, figure, format, target: (ratio bound, "min" or "max") or None)"""


def phase_rows(label: str, phase: Callable[[Round], Phase]) -> list[Row]:
    """Throughput, p50, p99 and server CPU of one kind of request, a value per round."""

    def per_round(figure: Callable[[Phase], float]) -> Figure:
        return lambda outcome: [figure(phase(one)) for one in outcome.rounds]

    return [
        (
            f"{label} req/s",
            per_round(lambda p: p.throughput),
            "{:.0f}",
            (MIN_THROUGHPUT_RATIO, "min"),
        ),
        (f"{label} p50 ms", per_round(lambda p: p.percentile(50) * 1000), "{:.1f}", None),
        (
            f"{label} p99 ms",
            per_round(lambda p: p.percentile(99) * 1000),
            "{:.1f}",
            (MAX_P99_RATIO, "max"),
        ),
        (f"{label} CPU ms/req", per_round(lambda p: p.cpu_per_request * 1000), "{:.2f}", None),
    ]


def report(args: argparse.Namespace, outcomes: dict[str, Outcome]) -> None:
    layered, flat = outcomes["layered"], outcomes["flat"]
    rows: list[Row] = [
        *phase_rows("place ", lambda one: one.place),
        *phase_rows("get   ", lambda one: one.get),
        ("start-up s", lambda outcome: outcome.startups, "{:.3f}", (MAX_STARTUP_RATIO, "max")),
    ]
    print()
    print(
        f"orders: layered service vs flat app, {args.database}; {args.rounds} rounds of "
        f"{args.requests} POST + {args.requests} GET each, concurrency {args.concurrency}, "
        f"each on fresh servers after {args.warmup} warm-up orders; {args.starts} start-ups"
        " each; medians"
    )
    print(f"{'':18}{'layered':>10}{'flat':>10}{'layered/flat':>14}   target")
    for label, figure, number, target in rows:
        mine, theirs = statistics.median(figure(layered)), statistics.median(figure(flat))
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
    counts: list[tuple[str, Callable[[Outcome], int]]] = [
        ("acked writes", lambda outcome: outcome.acknowledged),
        ("in database", lambda outcome: outcome.stored),
        ("acked, missing", lambda outcome: outcome.missing),
        ("in the outbox", lambda outcome: outcome.announced),
    ]
    for label, count in counts:
        print(f"{label:18}{count(layered):>10}{count(flat):>10}")
    committed = layered.missing == 0 and layered.acknowledged > 0
    print(f"every acknowledged write committed (layered): {'met' if committed else 'MISSED'}")
    failures = sum(
        one.place.failures + one.get.failures
        for outcome in outcomes.values()
        for one in outcome.rounds
    )
    print(f"failed requests (not 201/200, or no answer), all rounds: {failures}")
    same = comparable(layered.sample) == comparable(flat.sample)
    print(f"same POST answer from both (id, customer, time aside): {'yes' if same else 'NO'}")


def interrupt(signum: int, _frame: object) -> None:
    """Stop at once, wherever we are, so the `finally` blocks clean up.

    Installed for SIGINT too: `asyncio.run` would otherwise only cancel the load, which
    may swallow the cancellation, and carry on with the next round.
    """
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def measuring_environment() -> dict[str, str]:
    """This environment, allowed to write bytecode caches.

    An untimed first start writes them, as a deployment has them; an environment that
    forbids writing them would make each start compile everything.
    """
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def gateway_credentials() -> tuple[str, str]:
    """A gateway's public key (PEM) and an access token it signed that grants both apps'
    routes, as the service's `make token` makes them. Stage two only: it has PyJWT."""
    import jwt  # type: ignore[import-not-found, unused-ignore]
    from cryptography.hazmat.primitives import (  # type: ignore[import-not-found, unused-ignore]
        serialization,
    )
    from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found, unused-ignore]
        ec,
    )

    key = ec.generate_private_key(ec.SECP256R1())
    public_key = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims = {
        "sub": "benchmark",
        "aud": "order-service",
        "exp": int(time.time()) + 24 * 3600,
        "scope": "orders:read orders:write",
    }
    return public_key.decode(), str(jwt.encode(claims, key, algorithm="ES256"))


def copy_flat_app(work_dir: Path) -> Path:
    """A copy of the flat app in `work_dir`, so that no bytecode lands in the repository."""
    flat_dir = work_dir / "flat_orders"
    flat_dir.mkdir()
    shutil.copy2(FLAT_APP, flat_dir / "app.py")
    return flat_dir


def stage_two(args: argparse.Namespace) -> None:
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    project, work_dir = Path(args.project), Path(args.work_dir)
    env, flat_dir = measuring_environment(), copy_flat_app(work_dir)
    env["JWT_PUBLIC_KEY"], token = gateway_credentials()
    apps = [
        App("layered", ("order_service.bootstrap.app:create_app", "--factory")),
        App("flat", ("app:app", "--app-dir", str(flat_dir))),
    ]
    if LOAD_CPUS:
        os.sched_setaffinity(0, LOAD_CPUS)
        log(f"both servers on CPU {sorted(SERVER_CPUS)}, the load on {sorted(LOAD_CPUS)}")
    from api_parity import check  # it imports this module

    differences = check(args, env, flat_dir, token)
    if differences:
        raise SystemExit(
            "\n".join(["The flat app does not serve the service's API:", *differences])
        )
    log("the flat app serves the service's API: the same routes, the same answers")
    databases = Databases(args.database, work_dir, args.postgresql_url)
    try:
        urls = {app.name: databases.fresh(app.name) for app in apps}
        for app in apps:
            prepare_schema(app, urls[app.name], project, flat_dir, env)
            # Untimed: writes the bytecode caches and warms the file cache.
            with serving(app, urls[app.name], work_dir, env):
                pass
        log(f"{args.starts} start-ups of each, then {args.rounds} rounds on fresh servers")
        outcomes = measure(apps, urls, args, work_dir, env, token)
    finally:
        databases.drop_all()
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
    report(args, outcomes)


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def benchmark_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options every benchmark of the baked service takes; `doc`'s first paragraph
    describes it."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--postgresql-url",
        default=POSTGRESQL_ADMIN_URL,
        help="a database on the server to connect to for CREATE/DROP DATABASE",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    # Set by stage one when it hands over to the baked project's Python.
    parser.add_argument("--project", help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = benchmark_arguments(__doc__)
    parser.add_argument(
        "--requests", type=positive, default=500, help="POSTs per app and round, then as many GETs"
    )
    parser.add_argument("--rounds", type=positive, default=10, help="the median is reported")
    parser.add_argument("--concurrency", type=positive, default=32)
    parser.add_argument(
        "--warmup", type=positive, default=100, help="orders on each fresh server before its round"
    )
    parser.add_argument("--starts", type=positive, default=10, help="timed start-ups of each")
    return parser.parse_args(argv)


def run_benchmark(
    script: str,
    parse: Callable[[Sequence[str]], argparse.Namespace],
    measure: Callable[[argparse.Namespace], None],
) -> None:
    """Bake and hand over to the baked project's Python, or, once there, `measure`."""
    argv = sys.argv[1:]
    args = parse(argv)
    if args.project is None:
        stage_one(args.database, argv, Path(script).resolve())
        return
    try:
        measure(args)
    except KeyboardInterrupt as stop:
        log(f"{stop or 'interrupted'}: what it started is stopped, its databases and files gone")
        raise SystemExit(130) from None


def main() -> None:
    run_benchmark(__file__, parse_arguments, stage_two)


if __name__ == "__main__":
    main()
