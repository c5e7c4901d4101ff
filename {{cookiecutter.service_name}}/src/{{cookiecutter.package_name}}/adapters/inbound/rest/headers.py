"""Request headers that several routes read, each validated once, where it is declared."""

from typing import Annotated

from fastapi import Header

from {{cookiecutter.package_name}}.application.idempotency import MAX_KEY_LENGTH

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=MAX_KEY_LENGTH,
        pattern=r"^[!-~]+$",
        description=(
            "A key of the client's choosing, such as a new UUID, that makes sending the same"
            " request again safe: a request with a key already handled creates nothing, and is"
            " answered with what the first one created. The same key with another body is"
            " refused (422). Keys are kept IDEMPOTENCY_KEY_RETENTION_HOURS (24)."
            " 1 to 255 visible ASCII characters."
        ),
    ),
]
"""The `Idempotency-Key` header of a creating request (`application/idempotency.py`)."""
