class DomainError(Exception):
    """A business rule was broken; the message says which, in the domain's words.

    Aggregates and value objects raise subclasses of it. The REST adapter maps every
    `DomainError` to a 422 problem response in one place, so the domain never knows HTTP.
    """


class IllegalStateTransitionError(DomainError):
    """The aggregate's current state does not allow the change (an order already cancelled).

    The request was well formed but conflicts with the state: the REST adapter answers 409.
    """
