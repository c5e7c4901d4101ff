from decimal import Decimal

from pydantic import BaseModel, Field


class MoneyBody(BaseModel):
    """An amount and its currency. Amounts travel as strings, so no float ever rounds them."""

    amount: Decimal = Field(examples=["12.50"])
    currency: str = Field(examples=["EUR"], description="ISO 4217 code")
