class DomainError(Exception):
    """A business rule was broken; the message says which, in the domain's words.

    Aggregates and value objects raise subclasses of it. The REST adapter maps every
    `DomainError` to a 422 problem response in one place, so the domain never knows HTTP.
    """


class IllegalStateTransitionError(DomainError):
    """The aggregate's current state does not allow the change (a deposit into a closed account).

    The request was well formed but conflicts with the state: the REST adapter answers 409.
    """


def quoted(value: object, limit: int = 60) -> str:
    """`value` as a rule's message shows it: a string in quotes, anything else as `str`
    writes it; cut short when longer than `limit`, so a huge input never makes a huge
    message (nor one Python refuses to write)."""
    try:
        text = repr(value) if isinstance(value, str) else str(value)
    except ValueError:  # an int of more digits than Python converts to text
        return f"{type(value).__name__} too large to show"
    return text if len(text) <= limit else f"{text[: limit - 3]}..."
