"""The credit saga across two baked services, as deployed: real processes and servers.

For each broker offered (RabbitMQ, NATS JetStream, Redis Streams), `order-service` (the
orders sample) and `customer-service` (the customers sample) are baked with that broker
and `database=postgresql`, installed, migrated into a database of their own each, and
served by uvicorn. The saga is then driven over HTTP only: each service learns what the
other did from the broker, so every outcome is awaited by polling.

Each broker's run sees no other run's messages: RabbitMQ gets a fresh virtual host,
NATS and Redis a private server on a free port with an empty store, stopped afterwards.

It needs PostgreSQL on 127.0.0.1:5432 (`.ci/start-postgresql`), RabbitMQ on
127.0.0.1:5672 (`.ci/start-rabbitmq`) with `rabbitmqctl` allowed to manage its node, and
the `nats-server` and `redis-server` binaries (`.ci/start-nats`, `.ci/start-redis`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from uuid import uuid4

import pytest
from baking import POSTGRESQL_SERVER, REPO_ROOT, Variant, copy_project, project_environment, run
from conftest import Bake
from test_service_runs import free_port

pytestmark = pytest.mark.baked

# The same variables `.ci/start-rabbitmq` reads, so both agree on which server to use.
RABBITMQ_PORT = int(os.environ.get("RABBITMQ_PORT", "5672"))
RABBITMQ_NODE = os.environ.get("RABBITMQ_NODE", "rabbit@localhost")


def saga_variants(broker: str) -> tuple[Variant, Variant]:
    """The orders and the customers services, baked with `broker` and PostgreSQL."""

    def service(example: str, service_name: str) -> Variant:
        answers = {"service_name": service_name, "example": example, "broker": broker}
        return Variant(f"saga-{example}-{broker}", answers | {"database": "postgresql"})

    return service("orders", "order-service"), service("customers", "customer-service")


# What each service's RabbitMQ queue must be bound to before the saga can run: the message types
# of the published language (`docs/events/`) that it reads from the other service.
EXPECTED_BINDINGS = {
    "customer-service": {"orders.order_placed", "orders.order_cancelled"},
    "order-service": {
        "customers.credit_reserved",
        "customers.credit_limit_exceeded",
        "customers.credit_refused_for_unknown_customer",
        "customers.credit_refused_for_currency",
    },
}

READY_SECONDS = 120
SAGA_SECONDS = 60
SERVER_START_SECONDS = 30
SERVER_STOP_SECONDS = 15

# Run with the baked project's interpreter: the template's own environment has no driver.
DATABASE_SCRIPT = """
import asyncio, sys
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

server_url, name, action = sys.argv[1:]
if action == "create":
    statement = f'CREATE DATABASE "{name}"'
else:
    statement = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'

async def main() -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()

asyncio.run(main())
print(make_url(server_url).set(database=name).render_as_string(hide_password=False))
"""

T = TypeVar("T")


@dataclass
class Service:
    """One baked service served by uvicorn, its output captured in a file."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    token: str
    """An access token for the service's API, from its `make token`."""

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- {self.name} (last {lines} lines) ---\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        stop_session(self.process, grace_seconds=30)


def stop_session(process: subprocess.Popen[bytes], grace_seconds: float) -> None:
    """Stop a process started in a session of its own, with all it started: SIGTERM, then
    SIGKILL if it is still running after `grace_seconds`."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@dataclass
class Saga:
    """Both services, running, and the HTTP calls the tests make to them."""

    orders: Service
    customers: Service

    def logs(self) -> str:
        return f"{self.orders.tail()}\n{self.customers.tail()}"

    def call(
        self, service: Service, method: str, path: str, body: object = None, expected: int = 200
    ) -> dict[str, Any]:
        status, answer = http(method, service.url + path, body, token=service.token)
        assert status == expected, f"{method} {path}: {status} {answer}\n{self.logs()}"
        assert isinstance(answer, dict), answer
        return answer

    def eventually(
        self, read: Callable[[], T], done: Callable[[T], bool], what: str, seconds: float
    ) -> T:
        """Poll `read` until `done` accepts its value; fail with both services' output."""
        deadline = time.monotonic() + seconds
        while True:
            for service in (self.orders, self.customers):
                assert service.process.poll() is None, (
                    f"{service.name} exited {service.process.returncode} while waiting for "
                    f"{what}\n{self.logs()}"
                )
            value = read()
            if done(value):
                return value
            assert time.monotonic() < deadline, (
                f"no {what} within {seconds}s; last seen: {value}\n{self.logs()}"
            )
            time.sleep(0.2)

    def register_customer(self, credit_limit: str) -> dict[str, Any]:
        body = {"name": "Ada Lovelace", "credit_limit": money(credit_limit)}
        return self.call(self.customers, "POST", "/customers", body, expected=201)

    def customer(self, customer_id: str) -> dict[str, Any]:
        return self.call(self.customers, "GET", f"/customers/{customer_id}")

    def place_order(
        self, customer_id: str, unit_price: str, quantity: int = 1, currency: str = "EUR"
    ) -> str:
        price = money(unit_price, currency)
        line = {"sku": "BOOK-42", "quantity": quantity, "unit_price": price}
        body = {"customer_id": customer_id, "lines": [line]}
        order = self.call(self.orders, "POST", "/orders", body, expected=201)
        assert order["status"] == "pending", order
        order_id: str = order["id"]
        return order_id

    def settled_order(self, order_id: str) -> dict[str, Any]:
        """The order once the customer service has answered for it."""
        return self.eventually(
            lambda: self.call(self.orders, "GET", f"/orders/{order_id}"),
            lambda order: order["status"] != "pending",
            f"answer for order {order_id}",
            SAGA_SECONDS,
        )


def money(amount: str, currency: str = "EUR") -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def amount(body: dict[str, Any]) -> Decimal:
    return Decimal(body["amount"])


def http(method: str, url: str, body: object = None, token: str | None = None) -> tuple[int, Any]:
    """One JSON request; an error status is an answer too, not an exception."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def ready_status(url: str) -> int | str:
    try:
        return http("GET", f"{url}/health/ready")[0]
    except OSError as error:  # not listening yet
        return str(error)


@dataclass(frozen=True)
class BrokerServer:
    """The broker one run's services have to themselves."""

    url: str
    """The services' `BROKER_URL`."""
    subscribed: Callable[[Saga], object]
    """Awaits, once both services are ready, what must hold before a message is sent."""


def nothing_to_await(saga: Saga) -> None:
    """The broker keeps what is published before a service subscribes: ready is enough."""


def rabbitmqctl(*arguments: str) -> str:
    return run(["rabbitmqctl", "-q", "-n", RABBITMQ_NODE, *arguments], REPO_ROOT).stdout


def require_rabbitmq() -> None:
    try:
        socket.create_connection(("127.0.0.1", RABBITMQ_PORT), timeout=5).close()
    except OSError as error:
        pytest.fail(
            f"RabbitMQ is not reachable on 127.0.0.1:{RABBITMQ_PORT} ({error}); "
            "start it with `.ci/start-rabbitmq`",
            pytrace=False,
        )
    if shutil.which("rabbitmqctl") is None:
        pytest.fail(
            "rabbitmqctl is not on PATH; start RabbitMQ with `.ci/start-rabbitmq`", pytrace=False
        )


@contextmanager
def fresh_vhost() -> Iterator[str]:
    """A virtual host of our own: its `events` exchange and queues see no other test's
    messages, and nothing is left over from an earlier run."""
    name = f"saga-{uuid4().hex[:12]}"
    rabbitmqctl("add_vhost", name)
    try:
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
        yield name
    finally:
        rabbitmqctl("delete_vhost", name)


def bindings(vhost: str) -> dict[str, set[str]]:
    """Each queue's routing keys on the `events` exchange."""
    bound: dict[str, set[str]] = {}
    columns = ("source_name", "destination_name", "routing_key")
    listing = rabbitmqctl("list_bindings", "-p", vhost, "--no-table-headers", *columns)
    for line in listing.splitlines():
        source, queue, routing_key = line.split("\t")
        if source == "events":
            bound.setdefault(queue, set()).add(routing_key)
    return bound


def await_bindings(vhost: str, saga: Saga) -> None:
    """Ready means connected to RabbitMQ, which comes just before the queue is bound: a
    message sent in between would be dropped by the exchange."""
    saga.eventually(
        lambda: bindings(vhost),
        lambda bound: all(
            expected <= bound.get(queue, set()) for queue, expected in EXPECTED_BINDINGS.items()
        ),
        "queue bindings on the `events` exchange",
        READY_SECONDS,
    )


@contextmanager
def rabbitmq_server(directory: Path) -> Iterator[BrokerServer]:
    """The shared RabbitMQ server, in a fresh virtual host."""
    require_rabbitmq()
    with fresh_vhost() as vhost:
        yield BrokerServer(
            f"amqp://guest:guest@127.0.0.1:{RABBITMQ_PORT}/{vhost}",
            subscribed=partial(await_bindings, vhost),
        )


def server_binary(name: str, script: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not on PATH; install it with `{script}`", pytrace=False)
    return path


def accepts_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@contextmanager
def private_server(command: list[str], port: int, log: Path) -> Iterator[None]:
    """`command` serving on 127.0.0.1:`port` (awaited) until the block ends, then stopped;
    its output in `log`."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=log.parent,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not accepts_connections(port):
            if process.poll() is not None or time.monotonic() > deadline:
                state = "exited" if process.poll() is not None else "is still starting"
                pytest.fail(
                    f"`{' '.join(command)}` {state}, not listening on 127.0.0.1:{port}; "
                    f"its output:\n{log.read_text(errors='replace')[-3000:]}",
                    pytrace=False,
                )
            time.sleep(0.1)
        yield
    finally:
        stop_session(process, grace_seconds=SERVER_STOP_SECONDS)


@contextmanager
def nats_server(directory: Path) -> Iterator[BrokerServer]:
    """A NATS server with JetStream of our own, its store in an empty directory.

    JetStream keeps a message published before the other service's consumer exists, and
    each consumer starts at the stream's first message.
    """
    binary = server_binary("nats-server", ".ci/start-nats")
    port = free_port()
    store = directory / "nats-store"
    store.mkdir()
    command = [binary, "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", str(store)]
    with private_server(command, port, directory / "nats-server.log"):
        yield BrokerServer(f"nats://127.0.0.1:{port}", subscribed=nothing_to_await)


@contextmanager
def redis_server(directory: Path) -> Iterator[BrokerServer]:
    """A Redis server of our own, writing nothing to disk.

    Each service's consumer group starts at the stream's first entry, so an entry added
    before the group exists is still read.
    """
    binary = server_binary("redis-server", ".ci/start-redis")
    port = free_port()
    store = directory / "redis-store"
    store.mkdir()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(store)]
    command += ["--save", "", "--appendonly", "no"]
    with private_server(command, port, directory / "redis-server.log"):
        yield BrokerServer(f"redis://127.0.0.1:{port}/0", subscribed=nothing_to_await)


BROKER_SERVERS: dict[str, Callable[[Path], AbstractContextManager[BrokerServer]]] = {
    "rabbitmq": rabbitmq_server,
    "nats": nats_server,
    "redis": redis_server,
}


@contextmanager
def fresh_database(project: Path, env: dict[str, str]) -> Iterator[str]:
    """An empty PostgreSQL database on the test server; its URL, then it is dropped."""
    name = f"saga_{project.name.replace('-', '_')}_{uuid4().hex[:12]}"
    python = ["uv", "run", "python", "-c", DATABASE_SCRIPT, POSTGRESQL_SERVER, name]
    created = run([*python, "create"], project, env, check=False)
    if created.returncode != 0:
        pytest.fail(
            f"could not create a database on {POSTGRESQL_SERVER.split('@')[-1]}; is PostgreSQL "
            f"running (`.ci/start-postgresql`)?\n{created.stderr[-3000:]}",
            pytrace=False,
        )
    try:
        yield created.stdout.strip().splitlines()[-1]
    finally:
        run([*python, "drop"], project, env)


def install(bake: Bake, variant: Variant, destination: Path) -> Path:
    project = copy_project(bake(variant), destination)
    run(["make", "install"], project, project_environment("postgresql"))
    return project


@contextmanager
def serving(project: Path, env: dict[str, str], log: Path, token: str) -> Iterator[Service]:
    """The project's API process (which also relays its outbox), stopped on the way out."""
    port = free_port()
    package = project.name.replace("-", "_")
    command = ["uv", "run", "uvicorn", f"{package}.bootstrap.app:create_app", "--factory"]
    # A file, not a pipe: nobody reads a pipe while the test runs, and a full one blocks.
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    service = Service(project.name, f"http://127.0.0.1:{port}", process, log, token)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="module", params=list(BROKER_SERVERS))
def saga(
    request: pytest.FixtureRequest, bake: Bake, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Saga]:
    broker: str = request.param
    directory = tmp_path_factory.mktemp(f"saga-{broker}")
    with ExitStack() as cleanup:
        server = cleanup.enter_context(BROKER_SERVERS[broker](directory))
        services = []
        for variant in saga_variants(broker):
            project = install(bake, variant, directory)
            env = project_environment("postgresql")
            env["DATABASE_URL"] = cleanup.enter_context(fresh_database(project, env))
            env["BROKER_URL"] = server.url
            env["RUN_RELAY"] = "true"
            run(["make", "migrate"], project, env)
            # As a developer would: a key of the project's own in its `.env`, and a token.
            token = run(["make", "--silent", "token"], project, env).stdout.strip()
            log = directory / f"{project.name}.log"
            services.append(cleanup.enter_context(serving(project, env, log, token)))
        running = Saga(orders=services[0], customers=services[1])

        for service in services:
            running.eventually(
                partial(ready_status, service.url),
                lambda status: status == 200,
                f"200 from {service.name}'s /health/ready",
                READY_SECONDS,
            )
        server.subscribed(running)
        yield running


def test_an_order_within_the_credit_limit_is_approved_and_its_credit_reserved(
    saga: Saga,
) -> None:
    customer = saga.register_customer("100.00")

    order = saga.settled_order(saga.place_order(customer["id"], "30.00", quantity=2))

    assert (order["status"], order["rejection_reason"]) == ("approved", None), order
    credit = saga.customer(customer["id"])
    assert amount(credit["available_credit"]) == Decimal("40.00"), credit
    assert [reservation["order_id"] for reservation in credit["reservations"]] == [order["id"]]


def test_an_order_over_the_credit_limit_is_rejected(saga: Saga) -> None:
    customer = saga.register_customer("50.00")

    order = saga.settled_order(saga.place_order(customer["id"], "50.01"))

    assert (order["status"], order["rejection_reason"]) == (
        "rejected",
        "credit limit exceeded",
    ), order
    credit = saga.customer(customer["id"])
    assert amount(credit["available_credit"]) == Decimal("50.00"), credit
    assert credit["reservations"] == [], credit


def test_an_order_for_an_unknown_customer_is_rejected(saga: Saga) -> None:
    order = saga.settled_order(saga.place_order(str(uuid4()), "10.00"))

    assert (order["status"], order["rejection_reason"]) == ("rejected", "unknown customer"), order


def test_an_order_in_another_currency_than_the_credit_is_rejected(saga: Saga) -> None:
    customer = saga.register_customer("100.00")

    order = saga.settled_order(saga.place_order(customer["id"], "10.00", currency="USD"))

    assert (order["status"], order["rejection_reason"]) == (
        "rejected",
        "credit in another currency",
    ), order
    assert saga.customer(customer["id"])["reservations"] == []


def test_cancelling_an_approved_order_gives_its_credit_back(saga: Saga) -> None:
    customer = saga.register_customer("100.00")
    order = saga.settled_order(saga.place_order(customer["id"], "70.00"))
    assert order["status"] == "approved", order
    assert amount(saga.customer(customer["id"])["available_credit"]) == Decimal("30.00")

    cancelled = saga.call(saga.orders, "POST", f"/orders/{order['id']}/cancellation")

    assert cancelled["status"] == "cancelled", cancelled
    credit = saga.eventually(
        lambda: saga.customer(customer["id"]),
        lambda credit: amount(credit["available_credit"]) == Decimal("100.00"),
        f"credit released for order {order['id']}",
        SAGA_SECONDS,
    )
    assert credit["reservations"] == [], credit


def test_each_service_refuses_a_request_without_an_access_token(saga: Saga) -> None:
    for service, path in ((saga.orders, "/orders"), (saga.customers, "/customers/" + str(uuid4()))):
        status, answer = http("GET", service.url + path)

        assert status == 401, (service.name, answer)
