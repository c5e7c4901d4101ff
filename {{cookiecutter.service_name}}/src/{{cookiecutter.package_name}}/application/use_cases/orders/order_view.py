from {{cookiecutter.package_name}}.application.ports.order_reader import OrderLineView, OrderView
from {{cookiecutter.package_name}}.domain.orders import Order, OrderLine


def view_of(order: Order) -> OrderView:
    """What a command hands back: the order as a reader would see it after the change."""
    return OrderView(
        order_id=order.id.value,
        customer_id=order.customer_id.value,
        status=order.status.value,
        currency=order.total.currency,
        total=order.total.amount,
        lines=tuple(_view_of_line(line) for line in order.lines),
        placed_at=order.placed_at,
        rejection_reason=order.rejection_reason,
        version=order.version,
    )


def _view_of_line(line: OrderLine) -> OrderLineView:
    return OrderLineView(
        sku=line.sku.value,
        quantity=line.quantity.value,
        unit_price=line.unit_price.amount,
        line_total=line.total.amount,
    )
