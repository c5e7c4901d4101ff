"""The customer side's answers, delivered through this service's handlers, as a consumer will."""

from typing import Any
from uuid import UUID

from fastapi import FastAPI

from {{cookiecutter.package_name}}.application.event_handlers.credit_answers import (
    CreditAnswerHandler,
    CreditRefusedForOrder,
    CreditReservedForOrder,
)
from {{cookiecutter.package_name}}.bootstrap.container import Container


def credit_answers(app: FastAPI) -> CreditAnswerHandler:
    container: Container = app.state.container
    handler: CreditAnswerHandler = container.orders.credit_answers()
    return handler


async def reserve_credit(app: FastAPI, order_id: Any) -> None:
    await credit_answers(app).on_credit_reserved(CreditReservedForOrder(UUID(str(order_id))))


async def refuse_credit(app: FastAPI, order_id: Any, reason: str) -> None:
    answer = CreditRefusedForOrder(UUID(str(order_id)), reason)
    await credit_answers(app).on_credit_refused(answer)
