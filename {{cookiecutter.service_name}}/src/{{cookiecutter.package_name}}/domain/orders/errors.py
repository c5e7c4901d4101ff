"""The rules an order can break, in the business's words."""

from collections.abc import Iterable

from {{cookiecutter.package_name}}.domain.building_blocks import (
    DomainError,
    IllegalStateTransitionError,
    quoted,
)


class InvalidSkuError(DomainError):
    """A stock-keeping unit code that does not follow the catalogue's format."""

    def __init__(self, value: object) -> None:
        super().__init__(
            "a SKU is 2 to 32 upper-case letters, digits or hyphens and starts with a letter "
            f"or digit, got {quoted(value)}"
        )


class InvalidQuantityError(DomainError):
    """A line quantity outside the range an order accepts."""

    def __init__(self, value: object, minimum: int, maximum: int) -> None:
        super().__init__(
            f"a quantity is a whole number from {minimum} to {maximum}, got {quoted(value)}"
        )


class EmptyOrderError(DomainError):
    """An order without a single line."""

    def __init__(self) -> None:
        super().__init__("an order needs at least one line, got none")


class TooManyLinesError(DomainError):
    """More lines on one order than it can hold."""

    def __init__(self, count: int, maximum: int) -> None:
        super().__init__(f"an order holds at most {maximum} lines, got {count}")


class DuplicateSkuError(DomainError):
    """The same SKU on two lines of one order: a SKU may appear on one line only."""

    def __init__(self, sku: str) -> None:
        super().__init__(f"SKU {sku} appears on more than one line of the order")


class MixedCurrenciesError(DomainError):
    """Lines priced in different currencies: an order is priced in one currency."""

    def __init__(self, currencies: Iterable[str]) -> None:
        super().__init__(
            f"all lines of an order must be priced in one currency, got {', '.join(currencies)}"
        )


class OrderTooCostlyError(DomainError):
    """A line, or a whole order, that would cost more than any amount of money can be."""

    def __init__(self, what: str, amount: object, maximum: object) -> None:
        super().__init__(f"{what} would cost {amount}, more than the largest amount, {maximum}")


class InvalidRejectionReasonError(DomainError):
    """A rejection reason that is blank or too long to keep."""

    def __init__(self, reason: str, maximum: int) -> None:
        super().__init__(
            f"a rejection reason is 1 to {maximum} characters once trimmed, "
            f"got {len(reason.strip())}: {quoted(reason)}"
        )


class IllegalOrderTransitionError(IllegalStateTransitionError):
    """The order's status does not allow the change, such as approving a cancelled order."""

    def __init__(self, action: str, order_id: str, status: str) -> None:
        super().__init__(f"cannot {action} order {order_id}: it is {status}")
        self.action = action
        self.order_id = order_id
        self.status = status
