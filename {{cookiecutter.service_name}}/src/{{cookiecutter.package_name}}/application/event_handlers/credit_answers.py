"""The customer service's answers to `OrderPlaced`, in this service's own words.

The messaging adapter decodes the customer service's messages into these answers, so
nothing here depends on how that service names or shapes them.
"""

import logging
from dataclasses import dataclass
from uuid import UUID

from {{cookiecutter.package_name}}.application.errors import NotFoundError
from {{cookiecutter.package_name}}.application.use_cases.orders.approve_order import (
    ApproveOrder,
    ApproveOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.reject_order import (
    RejectOrder,
    RejectOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.release_late_credit import (
    ReleaseLateCredit,
    ReleaseLateCreditHandler,
)
from {{cookiecutter.package_name}}.domain.orders import IllegalOrderTransitionError, OrderStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CreditReservedForOrder:
    """The customer's credit now covers the order's total."""

    order_id: UUID


@dataclass(frozen=True, slots=True)
class CreditRefusedForOrder:
    """No credit was reserved, for `reason` (the limit is exceeded, the customer unknown)."""

    order_id: UUID
    reason: str


class CreditAnswerHandler:
    """Settles a PENDING order from the customer service's answer about credit.

    Messages can arrive twice or late. A repeated answer changes nothing (the order ignores
    a change to the status it already has). An answer for an order that moved on meanwhile
    is logged and dropped: the order's own outcome stands. One late answer needs more: credit
    reserved for an order cancelled meanwhile is handed back (`ReleaseLateCredit`), since the
    cancellation reached the customer service before there was anything to release.

    An answer for an order this service does not have is logged and dropped too. It is
    another order service's: a new consumer on NATS or Redis reads the stream's history,
    every answer ever given included. Retrying it would only hold up the answers behind it.
    """

    def __init__(
        self,
        approve: ApproveOrderHandler,
        reject: RejectOrderHandler,
        release_late_credit: ReleaseLateCreditHandler,
    ) -> None:
        self._approve = approve
        self._reject = reject
        self._release_late_credit = release_late_credit

    async def on_credit_reserved(self, answer: CreditReservedForOrder) -> None:
        try:
            await self._approve.execute(ApproveOrder(answer.order_id))
        except NotFoundError:
            _log_not_ours(answer.order_id, "credit reserved")
        except IllegalOrderTransitionError as error:
            if error.status == OrderStatus.CANCELLED:
                await self._release_late_credit.execute(ReleaseLateCredit(answer.order_id))
            else:
                _log_stale(answer.order_id, "credit reserved", error)

    async def on_credit_refused(self, answer: CreditRefusedForOrder) -> None:
        try:
            await self._reject.execute(RejectOrder(answer.order_id, answer.reason))
        except NotFoundError:
            _log_not_ours(answer.order_id, "credit refused")
        except IllegalOrderTransitionError as error:
            _log_stale(answer.order_id, "credit refused", error)


def _log_not_ours(order_id: UUID, answer: str) -> None:
    logger.warning(
        "ignored a credit answer for an order this service does not have",
        extra={"order_id": str(order_id), "answer": answer},
    )


def _log_stale(order_id: UUID, answer: str, error: IllegalOrderTransitionError) -> None:
    # A warning, not an error: nothing failed, but a reservation for an order that is no
    # longer pending may be worth a look on the customer side.
    logger.warning(
        "ignored a stale credit answer: %s",
        error,
        extra={"order_id": str(order_id), "answer": answer, "order_status": error.status},
    )
