import pytest

from {{cookiecutter.package_name}}.domain.customers import (
    CreditLimitExceeded,
    CreditReleased,
    CreditReserved,
    Customer,
    CustomerId,
    CustomerName,
    CustomerRegistered,
    InvalidCreditLimitError,
)
from {{cookiecutter.package_name}}.domain.shared.money import CurrencyMismatchError

from tests.unit.domain.customers.builders import NOON, a_customer, an_order, eur, usd


def test_registering_a_customer_records_who_they_are_and_their_limit() -> None:
    id, name = CustomerId.new(), CustomerName("Ada Lovelace")

    customer = Customer.register(id, name, eur("500.00"), at=NOON)

    assert customer.pending_events == (
        CustomerRegistered(
            customer_id=id,
            customer_name=name,
            credit_limit=eur("500.00"),
            occurred_at=NOON,
            event_id=customer.pending_events[0].event_id,
        ),
    )
    assert customer.name == name
    assert customer.credit_limit == eur("500.00")
    assert customer.available_credit == eur("500.00")
    assert customer.reservations == {}


@pytest.mark.parametrize("limit", ["0", "0.00"])
def test_a_customer_without_credit_cannot_be_registered(limit: str) -> None:
    with pytest.raises(InvalidCreditLimitError, match=r"more than zero, got 0(\.00)? EUR"):
        Customer.register(CustomerId.new(), CustomerName("Ada"), eur(limit), at=NOON)


def test_a_reconstituted_customer_has_no_events() -> None:
    order = an_order()

    customer = a_customer(reservations={order: eur("10.00")})

    assert customer.pending_events == ()
    assert customer.reservations == {order: eur("10.00")}


def test_credit_under_the_limit_is_reserved() -> None:
    customer = a_customer(credit_limit="100.00")
    order = an_order()

    reserved = customer.reserve_credit(order, eur("30.00"), at=NOON)

    assert reserved
    assert customer.reservations == {order: eur("30.00")}
    assert customer.available_credit == eur("70.00")
    assert customer.pending_events == (
        CreditReserved(
            customer_id=customer.id,
            order_id=order,
            amount=eur("30.00"),
            occurred_at=NOON,
            event_id=customer.pending_events[0].event_id,
        ),
    )


def test_credit_exactly_at_the_limit_is_reserved() -> None:
    customer = a_customer(credit_limit="100.00")

    reserved = customer.reserve_credit(an_order(), eur("100.00"), at=NOON)

    assert reserved
    assert customer.available_credit == eur("0.00")


def test_credit_over_the_limit_is_refused_and_nothing_is_reserved() -> None:
    first_order, second_order = an_order(), an_order()
    customer = a_customer(credit_limit="100.00", reservations={first_order: eur("60.00")})

    reserved = customer.reserve_credit(second_order, eur("40.01"), at=NOON)

    assert not reserved
    assert customer.reservations == {first_order: eur("60.00")}
    assert customer.available_credit == eur("40.00")
    assert customer.pending_events == (
        CreditLimitExceeded(
            customer_id=customer.id,
            order_id=second_order,
            requested=eur("40.01"),
            available=eur("40.00"),
            occurred_at=NOON,
            event_id=customer.pending_events[0].event_id,
        ),
    )


def test_reserving_again_for_the_same_order_changes_nothing() -> None:
    customer = a_customer(credit_limit="100.00")
    order = an_order()
    customer.reserve_credit(order, eur("30.00"), at=NOON)
    customer.pull_events()

    reserved = customer.reserve_credit(order, eur("30.00"), at=NOON)

    assert reserved
    assert customer.reservations == {order: eur("30.00")}
    assert customer.available_credit == eur("70.00")
    assert customer.pending_events == ()


def test_available_credit_is_the_limit_minus_every_reservation() -> None:
    customer = a_customer(credit_limit="100.00")

    customer.reserve_credit(an_order(), eur("10.50"), at=NOON)
    customer.reserve_credit(an_order(), eur("20.25"), at=NOON)

    assert customer.available_credit == eur("69.25")


def test_credit_in_another_currency_than_the_limit_is_refused() -> None:
    customer = a_customer(credit_limit="100.00")

    with pytest.raises(CurrencyMismatchError, match=r"10\.00 USD"):
        customer.reserve_credit(an_order(), usd("10.00"), at=NOON)

    assert customer.reservations == {}
    assert customer.pending_events == ()


def test_a_known_order_in_another_currency_is_not_taken_for_a_replay() -> None:
    order = an_order()
    customer = a_customer(reservations={order: eur("10.00")})

    with pytest.raises(CurrencyMismatchError):
        customer.reserve_credit(order, usd("10.00"), at=NOON)

    assert customer.reservations == {order: eur("10.00")}


def test_releasing_an_order_gives_its_credit_back() -> None:
    order = an_order()
    customer = a_customer(credit_limit="100.00", reservations={order: eur("30.00")})

    released = customer.release_credit(order, at=NOON)

    assert released
    assert customer.reservations == {}
    assert customer.available_credit == eur("100.00")
    assert customer.pending_events == (
        CreditReleased(
            customer_id=customer.id,
            order_id=order,
            amount=eur("30.00"),
            occurred_at=NOON,
            event_id=customer.pending_events[0].event_id,
        ),
    )


def test_releasing_an_order_twice_gives_its_credit_back_once() -> None:
    order = an_order()
    customer = a_customer(reservations={order: eur("30.00")})
    customer.release_credit(order, at=NOON)
    customer.pull_events()

    released = customer.release_credit(order, at=NOON)

    assert not released
    assert customer.pending_events == ()


def test_releasing_an_order_without_a_reservation_does_nothing() -> None:
    customer = a_customer()

    released = customer.release_credit(an_order(), at=NOON)

    assert not released
    assert customer.pending_events == ()


def test_the_reservations_cannot_be_changed_from_outside() -> None:
    customer = a_customer()

    with pytest.raises(TypeError):
        customer.reservations[an_order()] = eur("1.00")  # type: ignore[index]

    assert customer.reservations == {}
