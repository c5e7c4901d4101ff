from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from {{cookiecutter.package_name}}.adapters.inbound.rest.authorization import (
    AUTHORIZATION,
    requires,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.dependencies import provided
from {{cookiecutter.package_name}}.adapters.inbound.rest.headers import IdempotencyKey
from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import (
    INVALID,
    JSON_BODY,
    UNAVAILABLE,
    Responses,
    problem_content,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.schemas.orders import (
    OrderPageResponse,
    OrderResponse,
    PlaceOrderRequest,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.cancel_order import (
    CancelOrder,
    CancelOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.get_order import (
    GetOrder,
    GetOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.list_orders import (
    ListOrders,
    ListOrdersHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.place_order import (
    PlaceOrder,
    PlaceOrderHandler,
    PlaceOrderLine,
)
from {{cookiecutter.package_name}}.domain.orders import OrderStatus

# The scopes an access token grants: to read orders, and to place and cancel them.
READ_ORDERS = "orders:read"
WRITE_ORDERS = "orders:write"

router = APIRouter(prefix="/orders", tags=["orders"], responses=AUTHORIZATION | UNAVAILABLE)

NOT_FOUND: Responses = {404: problem_content("No order has this id")}
CONFLICT: Responses = {
    409: problem_content("The order's state forbids it, or it changed meanwhile")
}
MAX_OFFSET = 1_000_000_000
"""Past any real list, and far inside the 64-bit integers databases take for an offset."""


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Place an order; it stays pending until the customer's credit is checked",
    dependencies=[requires(WRITE_ORDERS)],
    responses=INVALID
    | JSON_BODY
    | {201: {"headers": {"Location": {"description": "The new order's URL"}}}},
)
async def place_order(
    body: PlaceOrderRequest,
    request: Request,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> OrderResponse:
    handler: PlaceOrderHandler = provided(request, "orders.place_order")
    order = await handler.execute(
        PlaceOrder(
            customer_id=body.customer_id,
            lines=tuple(
                PlaceOrderLine(
                    sku=line.sku,
                    quantity=line.quantity,
                    unit_price=line.unit_price.amount,
                    currency=line.unit_price.currency,
                )
                for line in body.lines
            ),
            idempotency_key=idempotency_key,
        )
    )
    response.headers["Location"] = request.url_for("get_order", order_id=order.order_id).path
    return OrderResponse.from_view(order)


@router.get(
    "/{order_id}",
    summary="One order",
    dependencies=[requires(READ_ORDERS)],
    responses=INVALID | NOT_FOUND,
)
async def get_order(order_id: UUID, request: Request) -> OrderResponse:
    handler: GetOrderHandler = provided(request, "orders.get_order")
    return OrderResponse.from_view(await handler.execute(GetOrder(order_id)))


@router.get(
    "",
    summary="Orders, newest first, by customer and status",
    dependencies=[requires(READ_ORDERS)],
    responses=INVALID,
)
async def list_orders(
    request: Request,
    customer_id: UUID | None = None,
    order_status: Annotated[OrderStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> OrderPageResponse:
    handler: ListOrdersHandler = provided(request, "orders.list_orders")
    page = await handler.execute(
        ListOrders(
            customer_id=customer_id,
            status=None if order_status is None else order_status.value,
            limit=limit,
            offset=offset,
        )
    )
    return OrderPageResponse.from_page(page)


@router.post(
    "/{order_id}/cancellation",
    summary="Cancel a pending or approved order; its credit is released",
    dependencies=[requires(WRITE_ORDERS)],
    responses=INVALID | NOT_FOUND | CONFLICT,
)
async def cancel_order(order_id: UUID, request: Request) -> OrderResponse:
    handler: CancelOrderHandler = provided(request, "orders.cancel_order")
    return OrderResponse.from_view(await handler.execute(CancelOrder(order_id)))
