"""The baked `order-service`'s orders API written flat, as the baseline of a benchmark.

One module, no layers and no container: FastAPI routes talk to SQLAlchemy Core directly.
It serves the layered service's API, route for route and in the same order (the health
probes, placing, getting, listing and cancelling orders), for FastAPI walks its route table
on every request: the same JSON in and out, the same validation rules, the same tables (the
DDL of the baked migrations), the same total with the bulk discount, and one transaction
per change that writes the order and its message to the outbox, and commits before the
answer; the message carries the request's own correlation id and its W3C
`traceparent` header, when well-formed, as the layered service's messages do (its ADR-032).
Neither app relays the outbox while measured (the layered one runs
with `RUN_RELAY=false`, as beside a `worker`). It runs with the layered service's runtime
settings too: the same connection pool, SQLite's writers taking turns, start-up objects
frozen out of the collector's full passes, its youngest generation collected as rarely, and
routes grouped in included routers. It reads and checks an `Idempotency-Key` header as the
service does (its ADR-043), but carries out no keyed retry: the benchmark sends no key; it
refuses a body that declares more than 1 MiB, as the service does (its ADR-044); and it
checks each request's access token as the service does (its ADR-045): the gateway's ES256
signature, the expiry, the audience and the route's scope.
`benchmarks/orders_vs_flat.py` runs both.

    python app.py                          # create the tables at DATABASE_URL
    python -m uvicorn app:app --app-dir .  # serve them, JWT_PUBLIC_KEY set to a PEM key

The template's own environment has none of these libraries, hence the `type: ignore`s on
imports and on what they make `Any` there; with the libraries installed they are unused.
"""

import asyncio
import contextlib
import gc
import os
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from http import HTTPStatus
from typing import Annotated, Any, Literal, Self

import jwt  # type: ignore[import-not-found, unused-ignore]
from cryptography.hazmat.primitives.serialization import (  # type: ignore[import-not-found, unused-ignore]
    load_pem_public_key,
)
from fastapi import (  # type: ignore[import-not-found, unused-ignore]
    APIRouter,
    Depends,
    FastAPI,
    Header,
    Query,
    Request,
    Response,
    Security,
)
from fastapi.exceptions import (  # type: ignore[import-not-found, unused-ignore]
    RequestValidationError,
)
from fastapi.responses import JSONResponse  # type: ignore[import-not-found, unused-ignore]
from fastapi.security import (  # type: ignore[import-not-found, unused-ignore]
    HTTPAuthorizationCredentials,
    HTTPBearer,
    SecurityScopes,
)
from pydantic import (  # type: ignore[import-not-found, unused-ignore]
    BaseModel,
    Field,
    model_validator,
)
from sqlalchemy import (  # type: ignore[import-not-found, unused-ignore]
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    Uuid,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import SQLAlchemyError  # type: ignore[import-not-found, unused-ignore]
from sqlalchemy.ext.asyncio import (  # type: ignore[import-not-found, unused-ignore]
    AsyncConnection,
    AsyncEngine,
    create_async_engine,
)
from starlette.exceptions import HTTPException  # type: ignore[import-not-found, unused-ignore]

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///./flat_orders.db")
# The gateway's key, as the service takes it (PEM, `\n`s allowed); tokens are for the
# service's name, as the service's own are by default.
GATEWAY_KEY = load_pem_public_key(
    os.environ.get("JWT_PUBLIC_KEY", "").replace("\\n", "\n").encode()
)
AUDIENCE = "order-service"

SKU_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,31}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
MAX_AMOUNT = Decimal("999999999999.99")
MAX_LINES = 100
MAX_OFFSET = 1_000_000_000
READINESS_TIMEOUT_SECONDS = 2.0
BULK_THRESHOLD = 100  # units on the whole order from which the discount applies
BULK_DISCOUNT = Decimal("0.05")
CENT = Decimal("0.01")
TRACEPARENT = re.compile(r"00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}")

# --- tables: the DDL of the baked migration, constraint names included ---------------------

metadata = MetaData()

orders = Table(
    "orders",
    metadata,
    Column("id", Uuid(), nullable=False),
    Column("customer_id", Uuid(), nullable=False),
    Column("status", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_cents", BigInteger(), nullable=False),
    Column("rejection_reason", String(200), nullable=True),
    Column("placed_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer(), nullable=False),
    PrimaryKeyConstraint("id", name="pk_orders"),
    Index("ix_orders_customer_id_placed_at", "customer_id", "placed_at"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("order_id", Uuid(), nullable=False),
    Column("position", Integer(), nullable=False),
    Column("sku", String(32), nullable=False),
    Column("quantity", Integer(), nullable=False),
    Column("unit_price_cents", BigInteger(), nullable=False),
    ForeignKeyConstraint(
        ["order_id"], ["orders.id"], name="fk_order_lines_order_id_orders", ondelete="CASCADE"
    ),
    PrimaryKeyConstraint("order_id", "position", name="pk_order_lines"),
    UniqueConstraint("order_id", "sku", name="uq_order_lines_order_id"),
)


outbox_messages = Table(
    "outbox_messages",
    metadata,
    Column("position", BigInteger().with_variant(Integer, "sqlite"), autoincrement=True),
    Column("id", Uuid(), nullable=False),
    Column("type", String(100), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("aggregate_id", String(64), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Uuid(), nullable=False),
    Column("causation_id", Uuid(), nullable=True),
    Column("traceparent", String(55), nullable=True),
    Column("payload", JSON(), nullable=False),
    Column("leased_by", String(100), nullable=True),
    Column("leased_until", DateTime(timezone=True), nullable=True),
    Column("published_at", DateTime(timezone=True), nullable=True),
    PrimaryKeyConstraint("position", name="pk_outbox_messages"),
    UniqueConstraint("id", name="uq_outbox_messages_id"),
)
_unsent = outbox_messages.c.published_at.is_(None)
Index("ix_outbox_messages_unsent", "position", sqlite_where=_unsent, postgresql_where=_unsent)
Index(
    "ix_outbox_messages_unsent_by_aggregate",
    "aggregate_id",
    "position",
    sqlite_where=_unsent,
    postgresql_where=_unsent,
)


def make_engine(url: str) -> AsyncEngine:
    # The layered service's default pool (its ADR-024): ten connections, none lent beyond.
    engine = create_async_engine(url, pool_size=10, max_overflow=0)
    if engine.dialect.name == "sqlite":
        # The same connection settings as the layered service: foreign keys on, WAL.
        @event.listens_for(engine.sync_engine, "connect")  # type: ignore[untyped-decorator, unused-ignore]
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    return engine


engine = make_engine(DATABASE_URL)
# SQLite takes one writer at a time: as in the layered service (its ADR-031), writers queue
# here rather than sleep in SQLite's busy handler, each taking its turn with its connection.
write_turn: contextlib.AbstractAsyncContextManager[Any] = (
    asyncio.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()
)

# --- request and response bodies -----------------------------------------------------------

Status = Literal["pending", "approved", "rejected", "cancelled"]


class MoneyBody(BaseModel):  # type: ignore[misc, unused-ignore]
    amount: Decimal
    currency: str


class MoneyRequest(BaseModel):  # type: ignore[misc, unused-ignore]
    amount: Decimal = Field(ge=0, le=MAX_AMOUNT, decimal_places=2)
    currency: str = Field(pattern=CURRENCY_PATTERN)


class OrderLineRequest(BaseModel):  # type: ignore[misc, unused-ignore]
    sku: str = Field(pattern=SKU_PATTERN)
    quantity: int = Field(strict=True, ge=1, le=1000)
    unit_price: MoneyRequest


class PlaceOrderRequest(BaseModel):  # type: ignore[misc, unused-ignore]
    customer_id: uuid.UUID
    lines: list[OrderLineRequest] = Field(min_length=1, max_length=MAX_LINES)

    @model_validator(mode="after")  # type: ignore[untyped-decorator, unused-ignore]
    def _one_currency_and_one_line_per_sku(self) -> Self:
        currencies = sorted({line.unit_price.currency for line in self.lines})
        if len(currencies) > 1:
            raise ValueError(f"all lines must be priced in one currency, got {currencies}")
        skus = [line.sku for line in self.lines]
        if len(set(skus)) != len(skus):
            raise ValueError("a SKU may appear on one line only")
        return self


class OrderLineResponse(BaseModel):  # type: ignore[misc, unused-ignore]
    sku: str
    quantity: int
    unit_price: MoneyBody
    line_total: MoneyBody


class OrderResponse(BaseModel):  # type: ignore[misc, unused-ignore]
    id: uuid.UUID
    customer_id: uuid.UUID
    status: Status
    total: MoneyBody
    lines: list[OrderLineResponse]
    placed_at: datetime
    rejection_reason: str | None
    version: int


class OrderPageResponse(BaseModel):  # type: ignore[misc, unused-ignore]
    items: list[OrderResponse]
    total: int
    limit: int
    offset: int


class Liveness(BaseModel):  # type: ignore[misc, unused-ignore]
    status: Literal["alive"] = "alive"


class Readiness(BaseModel):  # type: ignore[misc, unused-ignore]
    status: Literal["ready"] = "ready"
    checks: dict[str, str]


# --- the app -------------------------------------------------------------------------------


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # As the layered service does (its bootstrap/garbage_collection.py): full collections
    # skip what the start-up built, instead of walking it for tens of milliseconds, and the
    # youngest generation waits for 10,000 net allocations, not 700, so that the objects of
    # the requests in flight are not walked every few requests.
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    yield
    await engine.dispose()


MAX_BODY_BYTES = 1_048_576


class BodyLimit:
    """Refuses with 413 a body that declares more than MAX_BODY_BYTES, as the service does
    (a chunked body, which the benchmark never sends, goes through)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            for name, value in scope["headers"]:
                if name == b"content-length" and int(value) > MAX_BODY_BYTES:
                    response = JSONResponse({"status": 413}, status_code=413)
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


# FastAPI's own telemetry off, as the layered service has it without a collector.
app = FastAPI(
    title="flat-orders",
    lifespan=lifespan,
    telemetry={"tracing": False, "metrics": False, "logs": False},
)
app.add_middleware(BodyLimit)
# Routes are grouped in routers, as FastAPI's guide for an app of more than one resource does
# and as the layered service does: each included router costs every request some matching,
# which is FastAPI's price, not the layers'.
health = APIRouter(prefix="/health")
orders_api = APIRouter(prefix="/orders")


def problem(status: int, detail: str, request: Request, **extra: Any) -> JSONResponse:
    """RFC 9457 problem details, as the layered service answers errors."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body |= {"detail": detail, "instance": request.url.path, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


@app.exception_handler(RequestValidationError)  # type: ignore[untyped-decorator, unused-ignore]
async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [
        {"location": list(item["loc"]), "message": item["msg"], "type": item["type"]}
        for item in error.errors()
    ]
    return problem(422, "The request is invalid.", request, errors=errors)


@app.exception_handler(HTTPException)  # type: ignore[untyped-decorator, unused-ignore]
async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    response = problem(error.status_code, str(error.detail), request)
    response.headers.update(error.headers or {})
    return response


def outbox_message(
    type_: str, order_id: uuid.UUID, occurred_at: datetime, payload: Any, request: Request
) -> dict[str, Any]:
    """The outbox row announcing a change: version 1 of `type_`, under a correlation id new
    with the request, with the request's `traceparent` when it is well-formed."""
    traceparent = request.headers.get("traceparent")
    if traceparent is not None and not TRACEPARENT.fullmatch(traceparent):
        traceparent = None  # malformed: the trace starts afresh here
    # Parameters apart from the statement, as the service's outbox passes them: a
    # `.values(...)` of ten columns would build ten bound parameters on every request.
    return {
        "id": uuid.uuid4(),
        "type": type_,
        "version": 1,
        "aggregate_id": str(order_id),
        "occurred_at": occurred_at,
        "correlation_id": uuid.uuid4(),  # a request starts a flow of its own
        "causation_id": None,
        "traceparent": traceparent,
        "payload": payload,
    }


bearer = HTTPBearer(auto_error=False)


async def caller(
    required: SecurityScopes,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> dict[str, Any]:
    """The token's claims, once it is the gateway's, unexpired, for us, and grants the
    route's scope: the checks the service makes, 401 or 403 as it answers."""
    if credentials is None:
        raise HTTPException(401, "no bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        claims: dict[str, Any] = jwt.decode(
            credentials.credentials,
            GATEWAY_KEY,
            algorithms=["ES256"],
            audience=AUDIENCE,
            leeway=30,
            options={"require": ["exp", "sub"]},
        )
    except jwt.InvalidTokenError as error:
        headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        raise HTTPException(401, f"invalid token: {error}", headers=headers) from None
    granted = claims.get("scope", "").split()
    if any(scope not in granted for scope in required.scopes):
        raise HTTPException(403, "scope missing")
    return claims


@health.get("/live")  # type: ignore[untyped-decorator, unused-ignore]
@health.head("/live", include_in_schema=False)  # type: ignore[untyped-decorator, unused-ignore]
async def live() -> Liveness:
    return Liveness()


@health.get("/ready", response_model=Readiness)  # type: ignore[untyped-decorator, unused-ignore]
@health.head("/ready", response_model=Readiness, include_in_schema=False)  # type: ignore[untyped-decorator, unused-ignore]
async def ready(request: Request) -> Readiness | JSONResponse:
    try:
        async with asyncio.timeout(READINESS_TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (OSError, TimeoutError, SQLAlchemyError) as error:
        detail = f"Not ready: database ({type(error).__name__})."
        return problem(503, detail, request, checks={"database": "failing"})
    return Readiness(checks={"database": "ok"})


@orders_api.post(  # type: ignore[untyped-decorator, unused-ignore]
    "", status_code=201, dependencies=[Security(caller, scopes=["orders:write"])]
)
async def place_order(
    body: PlaceOrderRequest,
    request: Request,
    response: Response,
    # Read and checked as the service does; the benchmark sends none, so keyed retries are
    # not carried out here.
    idempotency_key: Annotated[
        str | None,
        Header(alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[!-~]+$"),
    ] = None,
) -> OrderResponse:
    order_id = uuid.uuid4()
    placed_at = datetime.now(UTC)
    currency = body.lines[0].unit_price.currency
    subtotal = sum((line.unit_price.amount * line.quantity for line in body.lines), Decimal("0.00"))
    total = subtotal
    if sum(line.quantity for line in body.lines) >= BULK_THRESHOLD:
        total -= (subtotal * BULK_DISCOUNT).quantize(CENT, rounding=ROUND_HALF_EVEN)

    async with engine.connect() as connection, write_turn:
        await connection.execute(
            insert(orders),
            {
                "id": order_id,
                "customer_id": body.customer_id,
                "status": "pending",
                "currency": currency,
                "total_cents": to_cents(total),
                "rejection_reason": None,
                "placed_at": placed_at,
                "version": 1,
            },
        )
        await connection.execute(
            insert(order_lines),
            [
                {
                    "order_id": order_id,
                    "position": position,
                    "sku": line.sku,
                    "quantity": line.quantity,
                    "unit_price_cents": to_cents(line.unit_price.amount),
                }
                for position, line in enumerate(body.lines)
            ],
        )
        payload = {
            "order_id": str(order_id),
            "customer_id": str(body.customer_id),
            "total": {"amount": f"{total:f}", "currency": currency},
            "occurred_at": placed_at.isoformat(),
        }
        await connection.execute(
            insert(outbox_messages),
            outbox_message("orders.order_placed", order_id, placed_at, payload, request),
        )
        await connection.commit()  # before the turn passes on, and before the 201

    response.headers["Location"] = request.url_for("get_order", order_id=order_id).path
    return OrderResponse(
        id=order_id,
        customer_id=body.customer_id,
        status="pending",
        total=MoneyBody(amount=total, currency=currency),
        lines=[
            OrderLineResponse(
                sku=line.sku,
                quantity=line.quantity,
                unit_price=MoneyBody(amount=line.unit_price.amount, currency=currency),
                line_total=MoneyBody(
                    amount=line.unit_price.amount * line.quantity, currency=currency
                ),
            )
            for line in body.lines
        ],
        placed_at=placed_at,
        rejection_reason=None,
        version=1,
    )


@orders_api.get(  # type: ignore[untyped-decorator, unused-ignore]
    "/{order_id}", dependencies=[Security(caller, scopes=["orders:read"])]
)
async def get_order(order_id: uuid.UUID) -> OrderResponse:
    async with engine.connect() as connection:
        order = (
            await connection.execute(select(orders).where(orders.c.id == order_id))
        ).one_or_none()
        if order is None:
            raise HTTPException(404, f"order {order_id} does not exist")
        lines = await lines_of(connection, [order])
    return order_response(order, lines)


@orders_api.get(  # type: ignore[untyped-decorator, unused-ignore]
    "", dependencies=[Security(caller, scopes=["orders:read"])]
)
async def list_orders(
    customer_id: uuid.UUID | None = None,
    order_status: Annotated[Status | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> OrderPageResponse:
    conditions = []
    if customer_id is not None:
        conditions.append(orders.c.customer_id == customer_id)
    if order_status is not None:
        conditions.append(orders.c.status == order_status)
    async with engine.connect() as connection:
        counted = select(func.count()).select_from(orders).where(*conditions)
        total = (await connection.execute(counted)).scalar_one()
        page = (
            await connection.execute(
                select(orders)
                .where(*conditions)
                .order_by(orders.c.placed_at.desc(), orders.c.id)
                .limit(limit)
                .offset(offset)
            )
        ).all()
        lines = await lines_of(connection, page)
    items = [order_response(order, lines) for order in page]
    return OrderPageResponse(items=items, total=total, limit=limit, offset=offset)


@orders_api.post(  # type: ignore[untyped-decorator, unused-ignore]
    "/{order_id}/cancellation", dependencies=[Security(caller, scopes=["orders:write"])]
)
async def cancel_order(order_id: uuid.UUID, request: Request) -> OrderResponse:
    cancelled_at = datetime.now(UTC)
    async with engine.connect() as connection, write_turn:
        order = (
            await connection.execute(select(orders).where(orders.c.id == order_id))
        ).one_or_none()
        if order is None:
            raise HTTPException(404, f"order {order_id} does not exist")
        if order.status not in ("pending", "approved", "cancelled"):
            raise HTTPException(409, f"order {order_id} is {order.status}: it cannot be cancelled")
        if order.status != "cancelled":
            changed = await connection.execute(
                update(orders)
                .where(orders.c.id == order_id, orders.c.version == order.version)
                .values(status="cancelled", version=order.version + 1)
            )
            if changed.rowcount != 1:
                raise HTTPException(409, f"order {order_id} changed meanwhile")
            total = {"amount": f"{from_cents(order.total_cents):f}", "currency": order.currency}
            payload = {"order_id": str(order_id), "customer_id": str(order.customer_id)}
            await connection.execute(
                insert(outbox_messages),
                outbox_message(
                    "orders.order_cancelled",
                    order_id,
                    cancelled_at,
                    payload | {"total": total, "occurred_at": cancelled_at.isoformat()},
                    request,
                ),
            )
            await connection.commit()
            order = (await connection.execute(select(orders).where(orders.c.id == order_id))).one()
        lines = await lines_of(connection, [order])
    return order_response(order, lines)


async def lines_of(connection: AsyncConnection, order_rows: Any) -> dict[uuid.UUID, list[Any]]:
    """The lines of these orders, by order, in one query."""
    if not order_rows:
        return {}
    ids = [order.id for order in order_rows]
    of_these = (
        order_lines.c.order_id == ids[0] if len(ids) == 1 else order_lines.c.order_id.in_(ids)
    )
    rows = await connection.execute(
        select(order_lines).where(of_these).order_by(order_lines.c.order_id, order_lines.c.position)
    )
    lines: dict[uuid.UUID, list[Any]] = {order_id: [] for order_id in ids}
    for line in rows:
        lines[line.order_id].append(line)
    return lines


def order_response(order: Any, lines: dict[uuid.UUID, list[Any]]) -> OrderResponse:
    def money(cents: int) -> MoneyBody:
        return MoneyBody(amount=from_cents(cents), currency=order.currency)

    placed_at: datetime = order.placed_at  # SQLite hands it back naive, in UTC
    return OrderResponse(
        id=order.id,
        customer_id=order.customer_id,
        status=order.status,
        total=money(order.total_cents),
        lines=[
            OrderLineResponse(
                sku=line.sku,
                quantity=line.quantity,
                unit_price=money(line.unit_price_cents),
                line_total=money(line.unit_price_cents * line.quantity),
            )
            for line in lines[order.id]
        ],
        placed_at=placed_at.astimezone(UTC) if placed_at.tzinfo else placed_at.replace(tzinfo=UTC),
        rejection_reason=order.rejection_reason,
        version=order.version,
    )


app.include_router(health)
app.include_router(orders_api)


def to_cents(amount: Decimal) -> int:
    return int(amount.scaleb(2))


def from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


async def create_tables(url: str) -> None:
    """Build the tables on an empty database, as `alembic upgrade head` does for the service."""
    schema_engine = make_engine(url)
    try:
        async with schema_engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
    finally:
        await schema_engine.dispose()


if __name__ == "__main__":
    asyncio.run(create_tables(DATABASE_URL))
