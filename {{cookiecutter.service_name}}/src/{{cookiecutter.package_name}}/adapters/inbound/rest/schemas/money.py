from decimal import Decimal

from pydantic import BaseModel, Field

from {{cookiecutter.package_name}}.domain.shared.money import CURRENCY_PATTERN, MAX_AMOUNT


class MoneyBody(BaseModel):
    """An amount and its currency. Amounts are written as strings, so no float rounds them."""

    amount: Decimal = Field(examples=["12.50"])
    currency: str = Field(examples=["EUR"], description="ISO 4217 code")


class MoneyRequest(BaseModel):
    """An amount and its currency as a request gives them: a string such as `"12.50"` (a
    JSON number is read too), exact to the cent. The rules are `Money`'s, checked here as
    well so that a 422 says which field broke one, and the OpenAPI schema shows them."""

    amount: Decimal = Field(ge=0, le=MAX_AMOUNT, decimal_places=2, examples=["12.50"])
    currency: str = Field(pattern=CURRENCY_PATTERN, examples=["EUR"], description="ISO 4217 code")
