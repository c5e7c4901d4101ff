from {{cookiecutter.package_name}}.domain.building_blocks import DomainError


class InvalidCustomerNameError(DomainError):
    """A customer name that is blank, too long, or not trimmed."""


class InvalidCreditLimitError(DomainError):
    """A credit limit that is not more than zero."""
