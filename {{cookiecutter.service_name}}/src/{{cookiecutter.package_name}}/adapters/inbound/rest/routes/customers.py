from uuid import UUID

from fastapi import APIRouter, Request, Response, status

from {{cookiecutter.package_name}}.adapters.inbound.rest.authorization import (
    AUTHORIZATION,
    requires,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.dependencies import provided
from {{cookiecutter.package_name}}.adapters.inbound.rest.headers import IdempotencyKey
from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import (
    INVALID,
    JSON_BODY,
    UNAVAILABLE,
    problem_content,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.schemas.customers import (
    CustomerResponse,
    RegisterCustomerRequest,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.get_customer import (
    GetCustomer,
    GetCustomerHandler,
)
from {{cookiecutter.package_name}}.application.use_cases.customers.register_customer import (
    RegisterCustomer,
    RegisterCustomerHandler,
)

# The scopes an access token grants: to read customers, and to register them.
READ_CUSTOMERS = "customers:read"
WRITE_CUSTOMERS = "customers:write"

router = APIRouter(prefix="/customers", tags=["customers"], responses=AUTHORIZATION | UNAVAILABLE)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Register a customer with a credit limit",
    dependencies=[requires(WRITE_CUSTOMERS)],
    responses=INVALID
    | JSON_BODY
    | {201: {"headers": {"Location": {"description": "The new customer's URL"}}}},
)
async def register_customer(
    body: RegisterCustomerRequest,
    request: Request,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CustomerResponse:
    handler: RegisterCustomerHandler = provided(request, "customers.register_customer")
    customer = await handler.execute(
        RegisterCustomer(
            name=body.name,
            credit_limit=body.credit_limit.amount,
            currency=body.credit_limit.currency,
            idempotency_key=idempotency_key,
        )
    )
    location = request.url_for("get_customer", customer_id=customer.customer_id).path
    response.headers["Location"] = location
    return CustomerResponse.from_view(customer)


@router.get(
    "/{customer_id}",
    summary="One customer, with the credit still available and what is reserved",
    dependencies=[requires(READ_CUSTOMERS)],
    responses=INVALID | {404: problem_content("No customer has this id")},
)
async def get_customer(customer_id: UUID, request: Request) -> CustomerResponse:
    handler: GetCustomerHandler = provided(request, "customers.get_customer")
    return CustomerResponse.from_view(await handler.execute(GetCustomer(customer_id)))
