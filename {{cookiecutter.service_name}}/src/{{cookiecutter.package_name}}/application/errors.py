class ApplicationError(Exception):
    """A use case could not be carried out for a reason outside the domain's rules."""


class NotFoundError(ApplicationError):
    """The command or query names something that does not exist."""


class ConflictError(ApplicationError):
    """The change collides with the current state, such as a concurrent update."""


class ConcurrencyConflictError(ConflictError):
    """Someone else changed the aggregate since it was loaded; reload it and try again."""


class MalformedMessageError(ApplicationError):
    """A message cannot be read: its envelope or its payload breaks the published schema.

    Retrying cannot help, so the receiver moves it to the dead-letter queue at once.
    """


class MessageAlreadyHandledError(ApplicationError):
    """This consumer has already acted on this message: a redelivery, with no second effect."""


class IdempotencyKeyReusedError(ApplicationError):
    """A request carries an idempotency key that came with another request before."""


class RequestAlreadyHandledError(ApplicationError):
    """Another request with the same idempotency key was committed first: the commit of
    this one is refused, and its use case answers with what the other created."""


class UnavailableError(ApplicationError):
    """Something the service needs, such as its database, is away or busy right now.

    Nothing is wrong with the work itself, and the same request or message may succeed
    later: a message is left for the broker to deliver again rather than dead-lettered,
    and a request is answered 503 rather than 500.
    """
