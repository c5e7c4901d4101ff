from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from {{cookiecutter.package_name}}.adapters.inbound.rest.schemas.money import (
    MoneyBody,
    MoneyRequest,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.customer_view import (
    CustomerView,
)
from {{cookiecutter.package_name}}.domain.customers.values import NAME_MAX_LENGTH


class RegisterCustomerRequest(BaseModel):
    """The rules are the domain's, checked here as well so that a 422 names the field."""

    model_config = ConfigDict(str_strip_whitespace=True)  # as `CustomerName.of` trims

    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH, examples=["Ada Lovelace"])
    credit_limit: MoneyRequest


class CreditReservationResponse(BaseModel):
    order_id: UUID
    amount: MoneyBody


class CustomerResponse(BaseModel):
    id: UUID
    name: str
    credit_limit: MoneyBody
    available_credit: MoneyBody
    reservations: list[CreditReservationResponse]
    version: int

    @classmethod
    def from_view(cls, view: CustomerView) -> "CustomerResponse":
        def money(amount: Decimal) -> MoneyBody:
            return MoneyBody(amount=amount, currency=view.currency)

        return cls(
            id=view.customer_id,
            name=view.name,
            credit_limit=money(view.credit_limit),
            available_credit=money(view.available_credit),
            reservations=[
                CreditReservationResponse(
                    order_id=reservation.order_id, amount=money(reservation.amount)
                )
                for reservation in view.reservations
            ],
            version=view.version,
        )
