"""The order use cases: place, approve, reject and cancel orders, cancel those overdue, and
read them."""

from {{cookiecutter.package_name}}.application.use_cases.orders.approve_order import (
    ApproveOrder,
    ApproveOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.cancel_order import (
    CancelOrder,
    CancelOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.cancel_overdue_orders import (
    CancelOverdueOrders,
    CancelOverdueOrdersHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.get_order import (
    GetOrder,
    GetOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.list_orders import (
    ListOrders,
    ListOrdersHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.order_view import view_of
from {{cookiecutter.package_name}}.application.use_cases.orders.place_order import (
    PlaceOrder,
    PlaceOrderHandler,
    PlaceOrderLine,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.reject_order import (
    RejectOrder,
    RejectOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.release_late_credit import (
    ReleaseLateCredit,
    ReleaseLateCreditHandler,
)

__all__ = [
    "ApproveOrder",
    "ApproveOrderHandler",
    "CancelOrder",
    "CancelOrderHandler",
    "CancelOverdueOrders",
    "CancelOverdueOrdersHandler",
    "GetOrder",
    "GetOrderHandler",
    "ListOrders",
    "ListOrdersHandler",
    "PlaceOrder",
    "PlaceOrderHandler",
    "PlaceOrderLine",
    "RejectOrder",
    "RejectOrderHandler",
    "ReleaseLateCredit",
    "ReleaseLateCreditHandler",
    "view_of",
]
