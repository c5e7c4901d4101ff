"""The order aggregate: an order's lines, its price and its way through the credit check."""

from {{cookiecutter.package_name}}.domain.orders.errors import (
    DuplicateSkuError,
    EmptyOrderError,
    IllegalOrderTransitionError,
    InvalidQuantityError,
    InvalidRejectionReasonError,
    InvalidSkuError,
    MixedCurrenciesError,
    OrderTooCostlyError,
    TooManyLinesError,
)
from {{cookiecutter.package_name}}.domain.orders.events import (
    OrderApproved,
    OrderCancelled,
    OrderPlaced,
    OrderRejected,
)
from {{cookiecutter.package_name}}.domain.orders.order import (
    MAX_LINES,
    MAX_REJECTION_REASON_LENGTH,
    Order,
)
from {{cookiecutter.package_name}}.domain.orders.order_line import OrderLine
from {{cookiecutter.package_name}}.domain.orders.pricing import (
    BULK_DISCOUNT,
    BULK_THRESHOLD,
    OrderPricing,
)
from {{cookiecutter.package_name}}.domain.orders.values import (
    MAX_QUANTITY,
    MIN_QUANTITY,
    SKU_PATTERN,
    CustomerId,
    OrderId,
    OrderStatus,
    Quantity,
    Sku,
)

__all__ = [
    "BULK_DISCOUNT",
    "BULK_THRESHOLD",
    "MAX_LINES",
    "MAX_QUANTITY",
    "MAX_REJECTION_REASON_LENGTH",
    "MIN_QUANTITY",
    "SKU_PATTERN",
    "CustomerId",
    "DuplicateSkuError",
    "EmptyOrderError",
    "IllegalOrderTransitionError",
    "InvalidQuantityError",
    "InvalidRejectionReasonError",
    "InvalidSkuError",
    "MixedCurrenciesError",
    "Order",
    "OrderApproved",
    "OrderCancelled",
    "OrderId",
    "OrderLine",
    "OrderPlaced",
    "OrderPricing",
    "OrderRejected",
    "OrderStatus",
    "OrderTooCostlyError",
    "Quantity",
    "Sku",
    "TooManyLinesError",
]
