"""The customer side of the credit saga: customers, their credit limits and reservations."""

from {{cookiecutter.package_name}}.domain.customers.customer import Customer
from {{cookiecutter.package_name}}.domain.customers.errors import (
    InvalidCreditLimitError,
    InvalidCustomerNameError,
)
from {{cookiecutter.package_name}}.domain.customers.events import (
    CreditLimitExceeded,
    CreditRefusedForCurrency,
    CreditRefusedForUnknownCustomer,
    CreditReleased,
    CreditReserved,
    CustomerRegistered,
)
from {{cookiecutter.package_name}}.domain.customers.values import (
    CustomerId,
    CustomerName,
    OrderReference,
)

__all__ = [
    "CreditLimitExceeded",
    "CreditRefusedForCurrency",
    "CreditRefusedForUnknownCustomer",
    "CreditReleased",
    "CreditReserved",
    "Customer",
    "CustomerId",
    "CustomerName",
    "CustomerRegistered",
    "InvalidCreditLimitError",
    "InvalidCustomerNameError",
    "OrderReference",
]
