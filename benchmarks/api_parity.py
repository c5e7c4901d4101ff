"""Does the flat app serve the layered service's API? The benchmark is fair only if it does.

    uv run python benchmarks/api_parity.py [--database sqlite|postgresql]

Bakes `order-service` as `orders_vs_flat.py` does, then runs both apps in-process (through
ASGI, no network), each on a fresh database, and checks two things:

- the route table: the same methods on the same paths, in the same order, since FastAPI
  walks it on every request, and a shorter table would make the flat app cheaper for a
  reason that has nothing to do with layers;
- the answers: one scenario (probes, placing, getting, listing, cancelling, refusals) sent
  to both, whose answers must agree once the ids each app drew are named in order of
  appearance. An error is compared by its status only, for the flat app words its own
  details, and so is readiness, for the service checks more than the database.

Prints what differs, and exits with 1 if anything does. `orders_vs_flat.py` makes the same
check before it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import shutil
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from instruction_probe import call
from orders_vs_flat import (
    App,
    Databases,
    benchmark_arguments,
    connected,
    copy_flat_app,
    gateway_credentials,
    measuring_environment,
    order_body,
    prepare_schema,
    run_benchmark,
)
from orders_vs_flat_instructions import APPS

Answer = tuple[int, Any]
UNKNOWN = uuid.UUID(int=1)  # no order's id


def route_table(app: Any) -> list[str]:
    """`METHODS path` of each route, in the order FastAPI tries them."""
    return [
        f"{','.join(sorted(route.methods))} {route.path}"
        for route in app.routes
        if getattr(route, "methods", None)
    ]


class Names:
    """Names each id an app drew (`id-1`, `id-2`, ...) in the order it first appears."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, str):
            for id_ in list(self._names):
                value = value.replace(id_, self._names[id_])
            try:
                uuid.UUID(value)
            except ValueError:
                return value
            return self._names.setdefault(value, f"id-{len(self._names) + 1}")
        return value


async def scenario(app: Any, database_url: str) -> list[tuple[str, Answer]]:
    """The same requests, in the same order, to one app; each answer with its request."""
    names = Names()
    answers: list[tuple[str, Answer]] = []

    async def send(
        method: str, path: str, body: bytes = b"", *, token: bool = True, status_only: bool = False
    ) -> dict[str, Any]:
        status, raw = await call(app, method, path, body, token=token)
        if status >= 400 or not raw or status_only:
            answers.append((f"{method} {names(path)}", (status, None)))
            return {}
        answer: dict[str, Any] = json.loads(raw)
        # Both apps stamp their own clocks; that each has a time is compared, not which.
        shown = {key: value for key, value in answer.items() if key != "placed_at"}
        if "items" in shown:
            shown["items"] = [
                {key: value for key, value in item.items() if key != "placed_at"}
                for item in shown["items"]
            ]
        answers.append((f"{method} {names(path)}", (status, names(shown))))
        return answer

    customer, other_customer = uuid.uuid4(), uuid.uuid4()

    def placed_by(who: uuid.UUID, index: int) -> bytes:
        body = json.loads(order_body(index))
        return json.dumps(body | {"customer_id": str(who)}).encode()

    await send("GET", "/health/live")
    await send("HEAD", "/health/live")
    # The service checks its broker and outbox too; the flat app has its database only.
    await send("GET", "/health/ready", status_only=True)
    first = await send("POST", "/orders", placed_by(customer, 1))
    bulk = await send("POST", "/orders", placed_by(customer, 10))  # the bulk discount
    await send("POST", "/orders", placed_by(other_customer, 2))
    await send("GET", f"/orders/{first['id']}")
    await send("GET", f"/orders/{UNKNOWN}")
    await send("GET", f"/orders?customer_id={customer}")
    await send("GET", "/orders?status=pending&limit=1&offset=1")
    await send("POST", f"/orders/{first['id']}/cancellation")
    await send("POST", f"/orders/{first['id']}/cancellation")  # again: nothing changes
    await send("POST", f"/orders/{UNKNOWN}/cancellation")
    await send("GET", "/orders?status=cancelled")
    await reject(database_url, bulk["id"])  # as the customer side's answer would
    await send("POST", f"/orders/{bulk['id']}/cancellation")
    mixed = json.loads(order_body(3))
    mixed["lines"][1]["unit_price"]["currency"] = "USD"
    await send("POST", "/orders", json.dumps(mixed).encode())
    await send("GET", "/orders", token=False)
    answers.append(("outbox", (0, names(await outbox_messages(database_url)))))
    return answers


async def reject(database_url: str, order_id: str) -> None:
    from sqlalchemy import Uuid, bindparam, text  # type: ignore[import-not-found, unused-ignore]

    rejected = text(
        "UPDATE orders SET status = 'rejected', version = version + 1,"
        " rejection_reason = 'credit limit exceeded' WHERE id = :id"
    ).bindparams(bindparam("id", type_=Uuid()))  # stored as each database stores a UUID
    async with connected(database_url) as connection:
        await connection.execute(rejected, {"id": uuid.UUID(order_id)})
        await connection.commit()


async def outbox_messages(database_url: str) -> list[dict[str, Any]]:
    """The outbox's messages, oldest first: their types and what they say."""
    from sqlalchemy import text  # type: ignore[import-not-found, unused-ignore]

    query = text("SELECT type, version, payload FROM outbox_messages ORDER BY position")
    async with connected(database_url) as connection:
        rows = (await connection.execute(query)).all()
    messages = []
    for row in rows:
        payload = json.loads(row.payload) if isinstance(row.payload, str) else row.payload
        payload.pop("occurred_at")  # each app's own clock
        messages.append({"type": f"{row.type}.v{row.version}", "payload": payload})
    return messages


async def answers_of(app: App, database_url: str, flat_dir: Path) -> tuple[list[str], list[Any]]:
    os.environ["DATABASE_URL"] = database_url
    if app.name == "layered":
        built = importlib.import_module("order_service.bootstrap.app").create_app()
    else:
        sys.path.insert(0, str(flat_dir))
        built = importlib.import_module("app").app
    async with built.router.lifespan_context(built):
        return route_table(built), await scenario(built, database_url)


def differences(layered: Sequence[Any], flat: Sequence[Any]) -> list[str]:
    lines = []
    for index in range(max(len(layered), len(flat))):
        mine = layered[index] if index < len(layered) else "(nothing)"
        theirs = flat[index] if index < len(flat) else "(nothing)"
        if mine != theirs:
            lines.append(f"  layered: {mine}\n  flat:    {theirs}")
    return lines


def check(args: argparse.Namespace, env: dict[str, str], flat_dir: Path, token: str) -> list[str]:
    """What differs between the two apps' route tables and answers; empty if nothing.

    `env` has the gateway's key, and `token` is one it signed.
    """
    project, work_dir = Path(args.project), Path(args.work_dir)
    os.environ.update(
        JWT_PUBLIC_KEY=env["JWT_PUBLIC_KEY"], PROBE_ACCESS_TOKEN=token, RUN_RELAY="false"
    )
    databases = Databases(args.database, work_dir, args.postgresql_url)
    try:
        found = {}
        for app in APPS:
            url = databases.fresh(f"parity_{app.name}")
            prepare_schema(app, url, project, flat_dir, env)
            found[app.name] = asyncio.run(answers_of(app, url, flat_dir))
    finally:
        databases.drop_all()
    (layered_routes, layered_answers), (flat_routes, flat_answers) = found["layered"], found["flat"]
    problems = differences(layered_routes, flat_routes)
    if problems:
        problems.insert(0, "the route tables differ:")
    answered = differences(layered_answers, flat_answers)
    if answered:
        problems += ["the answers differ:", *answered]
    return problems


def stage_two(args: argparse.Namespace) -> None:
    env, flat_dir = measuring_environment(), copy_flat_app(Path(args.work_dir))
    env["JWT_PUBLIC_KEY"], token = gateway_credentials()
    try:
        problems = check(args, env, flat_dir, token)
    finally:
        if not args.keep:
            shutil.rmtree(args.work_dir, ignore_errors=True)
    if problems:
        print("\n".join(["The flat app does not serve the service's API:", *problems]))
        raise SystemExit(1)
    print("The flat app serves the service's API: the same routes, the same answers.")


def main() -> None:
    run_benchmark(__file__, lambda argv: benchmark_arguments(__doc__).parse_args(argv), stage_two)


if __name__ == "__main__":
    main()
