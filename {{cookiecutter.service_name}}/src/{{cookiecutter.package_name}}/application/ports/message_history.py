from datetime import datetime
from typing import Protocol


class MessageHistory(Protocol):
    """The messages the service is done with: sent from its outbox, handled by its inbox;
    and the idempotency keys of the requests it handled.

    They are kept a while, for whoever looks into a flow, and so that a message delivered
    again, or a request sent again, is still known as handled; then forgotten, so the
    tables stop growing.
    """

    async def forget_sent(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` outbox messages sent before `before`; how many were.

        A message not yet sent is never forgotten, however old.
        """
        ...

    async def forget_handled(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` inbox entries of messages handled before `before`; how many were."""
        ...

    async def forget_request_keys(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` idempotency keys of requests handled before `before`; how
        many were."""
        ...
