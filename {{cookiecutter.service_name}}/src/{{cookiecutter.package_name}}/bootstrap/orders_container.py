from datetime import timedelta
from functools import partial

from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.inbound.messaging.customer_answers import (
    CustomerAnswersConsumer,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.order_events import (
    to_integration_event,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.reader import (
    SqlAlchemyOrderReader,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.orders.unit_of_work import (
    SqlAlchemyOrdersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.event_handlers.credit_answers import (
    CreditAnswerHandler,
)
from {{cookiecutter.package_name}}.application.ports import Clock
from {{cookiecutter.package_name}}.application.use_cases.orders.approve_order import (
    ApproveOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.cancel_order import (
    CancelOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.cancel_overdue_orders import (
    CancelOverdueOrders,
    CancelOverdueOrdersHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.get_order import GetOrderHandler
from {{cookiecutter.package_name}}.application.use_cases.orders.list_orders import (
    ListOrdersHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.place_order import (
    PlaceOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.reject_order import (
    RejectOrderHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.orders.release_late_credit import (
    ReleaseLateCreditHandler,
)
from {{cookiecutter.package_name}}.bootstrap.recurring_job import RecurringJob


class OrdersContainer(containers.DeclarativeContainer):
    """The orders slice: its unit of work, its read side, its use cases and event handlers,
    and the saga's deadline."""

    engine = providers.Dependency(instance_of=AsyncEngine)
    clock: providers.Dependency[Clock] = providers.Dependency()
    pending_order_timeout = providers.Dependency(instance_of=timedelta)

    unit_of_work = providers.Factory(
        SqlAlchemyOrdersUnitOfWork, engine, providers.Object(to_integration_event), clock
    )
    reader = providers.Singleton(SqlAlchemyOrderReader, engine)

    place_order = providers.Factory(PlaceOrderHandler, unit_of_work, clock)
    approve_order = providers.Factory(ApproveOrderHandler, unit_of_work, clock)
    reject_order = providers.Factory(RejectOrderHandler, unit_of_work, clock)
    cancel_order = providers.Factory(CancelOrderHandler, unit_of_work, clock)
    get_order = providers.Factory(GetOrderHandler, reader)
    list_orders = providers.Factory(ListOrdersHandler, reader)
    release_late_credit = providers.Factory(ReleaseLateCreditHandler, unit_of_work, clock)
    credit_answers = providers.Factory(
        CreditAnswerHandler, approve_order, reject_order, release_late_credit
    )
    customer_answers = providers.Factory(CustomerAnswersConsumer, credit_answers)

    cancel_overdue_orders = providers.Factory(
        CancelOverdueOrdersHandler, unit_of_work, clock, answer_within=pending_order_timeout
    )
    # Run beside the relay: an order still PENDING after the timeout is cancelled.
    overdue_order_cancelling = providers.Singleton(
        RecurringJob,
        "overdue order cancelling",
        providers.Factory(partial, cancel_overdue_orders.provided.execute, CancelOverdueOrders()),
        every=timedelta(minutes=1),
    )
