"""Write the schemas of the events this service publishes and consumes, and their index.

    uv run python scripts/export_event_schemas.py

For every message in a `PUBLISHED` registry under `adapters/outbound/messaging/` and in a
`CONSUMED` registry under `adapters/inbound/messaging/`, it writes the model's JSON Schema
to `docs/events/<type>.v<version>.schema.json`, the table of them all to
`docs/events/<context>.md`, and all of them in their envelope as an AsyncAPI 3.0 document
to `docs/events/<context>.asyncapi.json`. Schemas of messages no registry holds any more
are deleted. Commit the result: the schemas are this service's side of the contract with
the others, and a unit test fails when they no longer match the models.
"""

import hashlib
import importlib
import json
import pkgutil
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel

from {{cookiecutter.package_name}}.adapters.inbound import messaging as inbound_messaging
from {{cookiecutter.package_name}}.adapters.outbound import messaging as outbound_messaging

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOCS = PROJECT_ROOT / "docs" / "events"
_KEY = re.compile(r"(?P<type>[a-z_]+\.[a-z_]+)\.v(?P<version>[1-9][0-9]*)")

Direction = Literal["published", "consumed"]


@dataclass(frozen=True)
class EventSchema:
    """One message type at one version, as this service publishes or consumes it."""

    direction: Direction
    event_type: str
    version: int
    model: type[BaseModel]

    @property
    def key(self) -> str:
        """`<type>.v<version>`, as in the registries: the message's name in every service."""
        return f"{self.event_type}.v{self.version}"

    @property
    def file_name(self) -> str:
        return f"{self.key}.schema.json"

    @property
    def summary(self) -> str:
        """The first paragraph of the model's docstring, on one line."""
        paragraph = (self.model.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(paragraph.split())

    @property
    def meaning(self) -> str:
        """The summary, fit for a cell of a Markdown table."""
        return self.summary.replace("|", "\\|")

    def render(self) -> str:
        return _json(self.model.model_json_schema())


def event_schemas() -> list[EventSchema]:
    """Every published message, then every consumed one, each in its registry's order."""
    return [
        *_from_registries(outbound_messaging, "PUBLISHED", "published"),
        *_from_registries(inbound_messaging, "CONSUMED", "consumed"),
    ]


def documents() -> dict[str, str]:
    """What `docs/events/` must hold: file name -> content."""
    schemas = event_schemas()
    contexts = {
        _context(schema.event_type) for schema in schemas if schema.direction == "published"
    }
    if len(contexts) != 1:
        msg = f"expected the published events of exactly one context, found {sorted(contexts)}"
        raise ValueError(msg)
    [context] = contexts
    files = {schema.file_name: schema.render() for schema in schemas}
    files[f"{context}.md"] = _index(context, schemas)
    files[f"{context}.asyncapi.json"] = _json(asyncapi(_service_name(), schemas))
    return files


def asyncapi(service: str, schemas: list[EventSchema]) -> dict[str, Any]:
    """The AsyncAPI 3.0 document of `schemas`: a channel per type, a message per version.

    Self-contained: each payload schema is inlined under `components/schemas`, its shared
    definitions (`MoneyV1`) beside it, so the one file is all a reader or a tool needs.
    """
    components: dict[str, Any] = {"Envelope": _ENVELOPE, "Headers": _HEADERS}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for schema in schemas:
        payload = schema.model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in payload.pop("$defs", {}).items():
            if components.setdefault(name, definition) != definition:
                msg = f"two different schemas are named {name!r}; rename one of the models"
                raise ValueError(msg)
        components[schema.key] = payload
        messages[schema.key] = _message(schema)
        channel = channels.setdefault(
            schema.event_type, {"address": schema.event_type, "messages": {}}
        )
        channel["messages"][schema.key] = {"$ref": f"#/components/messages/{schema.key}"}
        action = "send" if schema.direction == "published" else "receive"
        operation = operations.setdefault(
            f"{action}.{schema.event_type}",
            {"action": action, "channel": {"$ref": f"#/channels/{schema.event_type}"}},
        )
        operation.setdefault("messages", []).append(
            {"$ref": f"#/channels/{schema.event_type}/messages/{schema.key}"}
        )
    contract = {
        "channels": channels,
        "components": {"messages": messages, "schemas": components},
        "operations": operations,
    }
    digest = hashlib.sha256(_json(contract).encode()).hexdigest()[:12]
    info = {"title": service, "version": digest, "description": _DESCRIPTION}
    return {"asyncapi": "3.0.0", "info": info, **contract}


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    wanted = documents()
    for stale in sorted(DOCS.glob("*.schema.json")):
        if stale.name not in wanted:
            stale.unlink()
            print(f"deleted {stale.relative_to(DOCS.parent.parent)}")
    for name, content in wanted.items():
        path = DOCS / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(DOCS.parent.parent)}")


def _from_registries(
    package: ModuleType, registry_name: str, direction: Direction
) -> list[EventSchema]:
    schemas = []
    for module_info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        registry = getattr(importlib.import_module(module_info.name), registry_name, None)
        if registry is None:
            continue
        for key, model in registry.items():
            match = _KEY.fullmatch(key)
            if match is None:
                msg = f"{module_info.name}.{registry_name}: {key!r} is not <context>.<event>.v<n>"
                raise ValueError(msg)
            schemas.append(EventSchema(direction, match["type"], int(match["version"]), model))
    return schemas


def _context(event_type: str) -> str:
    return event_type.partition(".")[0]


def _service_name() -> str:
    """The project's name in `pyproject.toml`, which is the service's name."""
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as file:
        name: str = tomllib.load(file)["project"]["name"]
    return name


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _message(schema: EventSchema) -> dict[str, Any]:
    """One version of one type: its envelope, with the type, version and payload pinned."""
    event = schema.event_type.partition(".")[2].replace("_", " ").capitalize()
    return {
        "name": schema.key,
        "title": f"{event}, version {schema.version}",
        "summary": schema.summary,
        "contentType": "application/json",
        "correlationId": {
            "description": "Shared by every message that one request or job led to.",
            "location": "$message.payload#/correlation_id",
        },
        "headers": {
            "allOf": [{"$ref": "#/components/schemas/Headers"}],
            "properties": {"message-type": {"const": schema.event_type}},
        },
        "payload": {
            "allOf": [{"$ref": "#/components/schemas/Envelope"}],
            "properties": {
                "type": {"const": schema.event_type},
                "version": {"const": schema.version},
                "payload": {"$ref": f"#/components/schemas/{schema.key}"},
            },
        },
    }


def _index(context: str, schemas: list[EventSchema]) -> str:
    rows = [
        f"| {schema.direction} | `{schema.event_type}` | {schema.version} | {schema.meaning} "
        f"| [{schema.file_name}]({schema.file_name}) |"
        for schema in schemas
    ]
    return _INDEX.substitute(context=context, rows="\n".join(rows))


_INDEX = Template("""\
# The $context service's integration events

The messages this service publishes to other services and consumes from them: its side of
their published language. Generated by `uv run python scripts/export_event_schemas.py` from
the models in `adapters/outbound/messaging/` (published) and `adapters/inbound/messaging/`
(consumed); do not edit by hand.

| direction | type | version | what it means | schema |
| --- | --- | --- | --- | --- |
$rows

The same messages, in their envelope, as an AsyncAPI 3.0 document:
[$context.asyncapi.json]($context.asyncapi.json).

## On the wire

A message's body is its envelope, a JSON object with eight members
(`application/messaging/message.py`):

- `id`, a UUID unique to the message: a receiver acts on each id once.
- `type`, `<context>.<event>` in snake case, and `version`, an integer from 1: together
  they name the payload's schema, the one in the table above.
- `aggregate_id`, the id of the aggregate the event is about. A broker that partitions or
  orders by key keeps each aggregate's events in the order they happened.
- `occurred_at`, when the event happened.
- `correlation_id`, shared by every message that one request or job led to, and
  `causation_id`, the id of the message whose handling produced this one (`null` when a
  request did).
- `payload`, the event itself.

Beside the body, the broker's headers carry `message-type` (the `type` again, to route by)
and, when the message was sent inside a trace, `traceparent` (the W3C trace context).
Ids are UUID strings, times are RFC 3339 timestamps with an offset, and money is an object
with a decimal string `amount` (`"12.50"`, so that no floating-point number ever rounds
it) and an ISO 4217 `currency` (`"EUR"`).

## Changing a message

Each service keeps its own models of the messages it publishes and of those it consumes;
no code is shared. A consumer's schema of a message is a copy of the publisher's, byte for
byte, so comparing the two files shows whether they still agree.

- A version may gain a field: readers ignore the fields they do not know (they are
  tolerant readers), which is why no schema forbids additional properties.
- Any other change (removing or renaming a field, changing its type or its meaning) is a
  new version. Publish both versions until every consumer reads the new one.
""")

_DESCRIPTION = """\
The integration events this service publishes and consumes: its side of the published \
language between services. Generated by `uv run python scripts/export_event_schemas.py` \
from the models in `adapters/outbound/messaging/` (published, `send`) and \
`adapters/inbound/messaging/` (consumed, `receive`); do not edit by hand.

A channel is one message type, addressed by the type (`<context>.<event>`), and a message \
is one version of it. A message's payload is the envelope it travels in \
(`application/messaging/message.py`) with the event in its `payload` member; its headers \
are what travels beside the body.

There are no servers or bindings: the transport, and how a type maps onto it (a routing \
key, a subject, a stream), depends on the `broker` option the service was generated \
with; see the Messaging section of the README. `info.version` is a digest of the channels, \
operations and schemas: it changes whenever any message does, while each message keeps \
its own version."""

_ENVELOPE: dict[str, Any] = {
    "title": "Envelope",
    "description": "A message's body, as `Message.to_json` writes it.",
    "type": "object",
    "properties": {
        "id": {
            "description": "Unique to the message: a receiver acts on each id once.",
            "format": "uuid",
            "type": "string",
        },
        "type": {
            "description": "`<context>.<event>`; with `version`, it names the payload's schema.",
            "pattern": "^[a-z_]+\\.[a-z_]+$",
            "type": "string",
        },
        "version": {
            "description": "The version of the payload's schema.",
            "minimum": 1,
            "type": "integer",
        },
        "aggregate_id": {
            "description": "The id of the aggregate the event is about: the key that keeps "
            "each aggregate's events in order.",
            "minLength": 1,
            "type": "string",
        },
        "occurred_at": {
            "description": "When the event happened: an RFC 3339 timestamp with its offset.",
            "format": "date-time",
            "type": "string",
        },
        "correlation_id": {
            "description": "Shared by every message that one request or job led to.",
            "format": "uuid",
            "type": "string",
        },
        "causation_id": {
            "description": "The id of the message whose handling produced this one; null "
            "when a request did.",
            "format": "uuid",
            "type": ["string", "null"],
        },
        "payload": {
            "description": "The event, as the schema of its type and version describes it.",
            "type": "object",
        },
    },
    "required": [
        "id",
        "type",
        "version",
        "aggregate_id",
        "occurred_at",
        "correlation_id",
        "causation_id",
        "payload",
    ],
}

_HEADERS: dict[str, Any] = {
    "title": "Headers",
    "description": "What travels beside the body, in the broker's headers.",
    "type": "object",
    "properties": {
        "message-type": {
            "description": "The message's `type` again, to route it without reading the body.",
            "type": "string",
        },
        "traceparent": {
            "description": "The W3C trace context, when the message was sent inside a trace.",
            "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}",
            "type": "string",
        },
    },
    "required": ["message-type"],
}


if __name__ == "__main__":
    main()
