from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from {{cookiecutter.package_name}}.adapters.inbound.messaging.order_events import (
    OrderEventsConsumer,
)
from {{cookiecutter.package_name}}.adapters.outbound.messaging.customer_events import (
    to_integration_event,
)
from {{cookiecutter.package_name}}.adapters.outbound.persistence.customers.unit_of_work import (
    SqlAlchemyCustomersUnitOfWork,
)
from {{cookiecutter.package_name}}.application.ports import Clock
from {{cookiecutter.package_name}}.application.use_cases.customers.get_customer import (
    GetCustomerHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.register_customer import (
    RegisterCustomerHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.release_credit import (
    ReleaseCreditHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.reserve_credit import (
    ReserveCreditHandler,
)


class CustomersContainer(containers.DeclarativeContainer):
    """The customers slice: its unit of work and its use cases."""

    engine = providers.Dependency(instance_of=AsyncEngine)
    clock: providers.Dependency[Clock] = providers.Dependency()

    unit_of_work = providers.Factory(
        SqlAlchemyCustomersUnitOfWork, engine, providers.Object(to_integration_event), clock
    )

    register_customer = providers.Factory(RegisterCustomerHandler, unit_of_work, clock)
    get_customer = providers.Factory(GetCustomerHandler, unit_of_work)
    reserve_credit = providers.Factory(ReserveCreditHandler, unit_of_work, clock)
    release_credit = providers.Factory(ReleaseCreditHandler, unit_of_work, clock)
    order_events = providers.Factory(OrderEventsConsumer, reserve_credit, release_credit)
