import pytest

from {{cookiecutter.package_name}}.domain.orders import (
    MAX_LINES,
    DuplicateSkuError,
    EmptyOrderError,
    IllegalOrderTransitionError,
    InvalidRejectionReasonError,
    MixedCurrenciesError,
    Order,
    OrderApproved,
    OrderCancelled,
    OrderPlaced,
    OrderPricing,
    OrderRejected,
    OrderStatus,
    TooManyLinesError,
)

from tests.unit.domain.orders.builders import (
    CUSTOMER_ID,
    LATER,
    ORDER_ID,
    PLACED_AT,
    a_line,
    a_placed_order,
    an_order,
    money,
)


def test_a_placed_order_is_pending_and_priced_by_its_lines() -> None:
    lines = (a_line("A-1", quantity=2, unit_price="3.00"), a_line("B-2", unit_price="4.00"))

    order = a_placed_order(*lines)

    assert order.status is OrderStatus.PENDING
    assert order.customer_id == CUSTOMER_ID
    assert order.lines == lines
    assert order.total == money("10.00")
    assert order.placed_at == PLACED_AT
    assert order.rejection_reason is None


def test_placing_an_order_records_that_it_was_placed() -> None:
    order = a_placed_order(a_line(quantity=3, unit_price="5.00"))

    events = order.pull_events()

    assert events == [
        OrderPlaced(
            order_id=ORDER_ID,
            customer_id=CUSTOMER_ID,
            total=money("15.00"),
            occurred_at=PLACED_AT,
            event_id=events[0].event_id,
        )
    ]


def test_an_order_without_lines_is_refused() -> None:
    with pytest.raises(EmptyOrderError, match="at least one line"):
        Order.place(ORDER_ID, CUSTOMER_ID, [], pricing=OrderPricing(), at=PLACED_AT)


def test_an_order_holds_a_bounded_number_of_lines() -> None:
    lines = [a_line(f"SKU-{n}") for n in range(MAX_LINES + 1)]

    assert len(a_placed_order(*lines[:MAX_LINES]).lines) == MAX_LINES
    with pytest.raises(TooManyLinesError, match=f"at most {MAX_LINES} lines, got {MAX_LINES + 1}"):
        a_placed_order(*lines)


def test_an_order_with_a_sku_on_two_lines_is_refused() -> None:
    lines = [a_line("A-1"), a_line("B-2"), a_line("A-1", quantity=5)]

    with pytest.raises(DuplicateSkuError, match="SKU A-1 appears on more than one line"):
        a_placed_order(*lines)


def test_an_order_priced_in_two_currencies_is_refused() -> None:
    lines = [a_line("A-1", currency="EUR"), a_line("B-2", currency="GBP")]

    with pytest.raises(MixedCurrenciesError, match="EUR, GBP"):
        a_placed_order(*lines)


def test_a_bulk_order_is_placed_at_the_discounted_total() -> None:
    order = a_placed_order(a_line(quantity=100, unit_price="1.00"))

    assert order.total == money("95.00")


def test_a_stored_order_comes_back_as_it_was_without_recording_anything() -> None:
    order = an_order(OrderStatus.REJECTED, rejection_reason="credit limit exceeded")

    assert order.status is OrderStatus.REJECTED
    assert order.rejection_reason == "credit limit exceeded"
    assert order.pending_events == ()


def test_a_stored_order_must_still_have_lines_each_with_its_own_sku() -> None:
    with pytest.raises(EmptyOrderError):
        Order(ORDER_ID, CUSTOMER_ID, [], money("0"), OrderStatus.PENDING, PLACED_AT)
    with pytest.raises(DuplicateSkuError):
        Order(
            ORDER_ID,
            CUSTOMER_ID,
            [a_line("A-1"), a_line("A-1")],
            money("20"),
            OrderStatus.PENDING,
            PLACED_AT,
        )


def test_approving_a_pending_order_records_that_it_was_approved() -> None:
    order = an_order(OrderStatus.PENDING)

    order.approve(at=LATER)

    assert order.status is OrderStatus.APPROVED
    [event] = order.pull_events()
    assert event == OrderApproved(
        order_id=ORDER_ID, customer_id=CUSTOMER_ID, occurred_at=LATER, event_id=event.event_id
    )


def test_approving_an_approved_order_again_changes_nothing() -> None:
    order = an_order(OrderStatus.APPROVED)

    order.approve(at=LATER)

    assert order.status is OrderStatus.APPROVED
    assert order.pending_events == ()


@pytest.mark.parametrize("status", [OrderStatus.REJECTED, OrderStatus.CANCELLED])
def test_an_order_that_is_no_longer_pending_cannot_be_approved(status: OrderStatus) -> None:
    order = an_order(status)

    with pytest.raises(
        IllegalOrderTransitionError, match=f"cannot approve order {ORDER_ID}: it is {status}"
    ):
        order.approve(at=LATER)

    assert order.status is status
    assert order.pending_events == ()


def test_rejecting_a_pending_order_keeps_the_trimmed_reason_and_records_it() -> None:
    order = an_order(OrderStatus.PENDING)

    order.reject("  credit limit exceeded  ", at=LATER)

    assert order.status is OrderStatus.REJECTED
    assert order.rejection_reason == "credit limit exceeded"
    [event] = order.pull_events()
    assert event == OrderRejected(
        order_id=ORDER_ID,
        customer_id=CUSTOMER_ID,
        reason="credit limit exceeded",
        occurred_at=LATER,
        event_id=event.event_id,
    )


def test_rejecting_a_rejected_order_again_changes_nothing() -> None:
    order = an_order(OrderStatus.REJECTED, rejection_reason="customer is unknown")

    order.reject("credit limit exceeded", at=LATER)

    assert order.rejection_reason == "customer is unknown"
    assert order.pending_events == ()


@pytest.mark.parametrize("status", [OrderStatus.APPROVED, OrderStatus.CANCELLED])
def test_an_order_that_is_no_longer_pending_cannot_be_rejected(status: OrderStatus) -> None:
    order = an_order(status)

    with pytest.raises(IllegalOrderTransitionError, match=f"cannot reject .*: it is {status}"):
        order.reject("credit limit exceeded", at=LATER)

    assert order.status is status
    assert order.pending_events == ()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 201])
def test_a_blank_or_overlong_rejection_reason_is_refused(reason: str) -> None:
    order = an_order(OrderStatus.PENDING)

    with pytest.raises(InvalidRejectionReasonError, match="1 to 200 characters"):
        order.reject(reason, at=LATER)

    assert order.status is OrderStatus.PENDING
    assert order.pending_events == ()


def test_a_rejection_reason_of_two_hundred_characters_once_trimmed_is_kept() -> None:
    order = an_order(OrderStatus.PENDING)

    order.reject(" " + "x" * 200 + " ", at=LATER)

    assert order.rejection_reason == "x" * 200


@pytest.mark.parametrize("status", [OrderStatus.PENDING, OrderStatus.APPROVED])
def test_cancelling_a_pending_or_approved_order_records_it_with_the_total(
    status: OrderStatus,
) -> None:
    order = an_order(status, lines=[a_line(quantity=2, unit_price="7.50")])

    order.cancel(at=LATER)

    assert order.status is OrderStatus.CANCELLED
    [event] = order.pull_events()
    assert event == OrderCancelled(
        order_id=ORDER_ID,
        customer_id=CUSTOMER_ID,
        total=money("15.00"),
        occurred_at=LATER,
        event_id=event.event_id,
    )


def test_cancelling_a_cancelled_order_again_changes_nothing() -> None:
    order = an_order(OrderStatus.CANCELLED)

    order.cancel(at=LATER)

    assert order.pending_events == ()


def test_a_rejected_order_cannot_be_cancelled() -> None:
    order = an_order(OrderStatus.REJECTED)

    with pytest.raises(IllegalOrderTransitionError, match=r"cannot cancel .*: it is rejected"):
        order.cancel(at=LATER)

    assert order.status is OrderStatus.REJECTED
    assert order.pending_events == ()


def test_a_cancelled_order_announces_its_cancellation_again_to_release_late_credit() -> None:
    order = a_placed_order()
    order.cancel(at=LATER)
    order.pull_events()

    order.release_late_credit(at=LATER)

    [event] = order.pull_events()
    assert isinstance(event, OrderCancelled)
    assert (event.order_id, event.customer_id, event.total) == (
        order.id,
        order.customer_id,
        order.total,
    )
    assert order.status is OrderStatus.CANCELLED


def test_only_a_cancelled_order_can_release_late_credit() -> None:
    order = a_placed_order()
    order.pull_events()

    with pytest.raises(IllegalOrderTransitionError, match="it is pending"):
        order.release_late_credit(at=LATER)
    assert order.pending_events == ()
