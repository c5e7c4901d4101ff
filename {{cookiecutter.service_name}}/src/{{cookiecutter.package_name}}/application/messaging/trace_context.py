"""The W3C Trace Context that work carries on: the `traceparent` of a request or a message.

The service passes on the `traceparent` of its work (the span it records of a request or a
message's handling, with a `Tracer`; else the one it was given, by the gateway, a caller,
or the message that caused the work), so that the services downstream continue the same
trace, and its logs name the trace, so that they can be joined with it.
"""

import re

# Version 00: a trace id and a parent id, neither all zeros, and the flags; lower-case hex.
_TRACEPARENT = re.compile(r"00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}")


def checked_traceparent(value: object) -> str | None:
    """`value` if it is a well-formed `traceparent` of version 00, else None.

    A malformed one is dropped, as the W3C recommendation says: the trace starts afresh here.
    """
    return value if isinstance(value, str) and _TRACEPARENT.fullmatch(value) else None


def trace_id(traceparent: str) -> str:
    """The id of the whole trace in a well-formed `traceparent`: its 32 hex digits."""
    return traceparent[3:35]
