import json
import logging
import sys
from datetime import UTC, datetime

from {{cookiecutter.package_name}}.application.messaging.message_context import (
    current_message_context,
)
from {{cookiecutter.package_name}}.application.messaging.trace_context import trace_id

# Attributes every LogRecord has; anything else came in through `extra=` and is logged too.
# Uvicorn's `color_message` is its message again, with terminal colour codes.
_NOT_EXTRA = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "color_message",
}


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line on stdout: logs as an event stream for the platform to ship.

    A record logged while a request or a message is handled names the flow it belongs to:
    `correlation_id` (shared by every message of one business flow, in every service),
    `causation_id` (the message being handled) and `trace_id` (from the W3C `traceparent`,
    when it came with one). So one search finds everything every service did in one flow.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = current_message_context()
        if context is not None:
            entry["correlation_id"] = str(context.correlation_id)
            if context.causation_id is not None:
                entry["causation_id"] = str(context.causation_id)
            if context.traceparent is not None:
                entry["trace_id"] = trace_id(context.traceparent)
        entry |= {key: value for key, value in record.__dict__.items() if key not in _NOT_EXTRA}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    """Send every log record, and every warning, to stdout as JSON; safe to call again (it
    replaces its handler)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler.formatter, JsonLinesFormatter):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonLinesFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    # Uvicorn gives its loggers handlers of their own; send their records through ours.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # Python's warnings (a library's deprecations, say) become records, not plain stderr.
    logging.captureWarnings(True)
