"""The schemas in `docs/events/` are the models' own, to the byte: the contract is current."""

import importlib.util
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import uuid4

import pytest

from {{cookiecutter.package_name}}.application.messaging.message import Message

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DOCS = PROJECT_ROOT / "docs" / "events"
REGENERATE = "run `uv run python scripts/export_event_schemas.py` and commit docs/events/"


def the_export_script() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "export_event_schemas.py"
    spec = importlib.util.spec_from_file_location("export_event_schemas", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """What the export script would write: file name -> content."""
    expected: dict[str, str] = the_export_script().documents()
    return expected


@pytest.fixture(scope="module")
def asyncapi(documents: dict[str, str]) -> dict[str, Any]:
    """The AsyncAPI document the export script would write, parsed."""
    [content] = [content for name, content in documents.items() if name.endswith(".asyncapi.json")]
    document: dict[str, Any] = json.loads(content)
    return document


def test_every_file_in_docs_events_matches_the_models(documents: dict[str, str]) -> None:
    outdated = sorted(
        name
        for name, content in documents.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != content
    )

    assert outdated == [], f"out of date with the models: {', '.join(outdated)}; {REGENERATE}"


def test_no_schema_is_left_of_an_event_the_service_no_longer_has(
    documents: dict[str, str],
) -> None:
    stale = sorted(path.name for path in DOCS.glob("*.schema.json") if path.name not in documents)

    assert stale == [], f"no model has these schemas: {', '.join(stale)}; {REGENERATE}"


def test_every_event_is_both_in_the_index_and_in_a_schema_file(
    documents: dict[str, str],
) -> None:
    [index] = [content for name, content in documents.items() if name.endswith(".md")]

    schemas = [name for name in documents if name.endswith(".schema.json")]

    assert schemas
    assert all(f"]({name})" in index for name in schemas)


def test_the_asyncapi_document_sends_what_is_published_and_receives_what_is_consumed(
    asyncapi: dict[str, Any],
) -> None:
    expected = {
        ("send" if schema.direction == "published" else "receive", schema.event_type, schema.key)
        for schema in the_export_script().event_schemas()
    }

    described = {
        (operation["action"], channel["address"], resolve(asyncapi, message["$ref"])["name"])
        for operation in asyncapi["operations"].values()
        for channel in [resolve(asyncapi, operation["channel"]["$ref"])]
        for message in operation["messages"]
        # An operation's messages are some of its channel's (AsyncAPI 3.0, Operation Object).
        if message["$ref"].startswith(operation["channel"]["$ref"] + "/messages/")
    }

    assert asyncapi["asyncapi"] == "3.0.0"
    assert {"title", "version"} <= asyncapi["info"].keys()
    assert described == expected
    dangling = [ref for ref in references(asyncapi) if not resolves(asyncapi, ref)]
    assert dangling == [], "every $ref must point inside the document"


def test_the_asyncapi_envelope_and_headers_are_what_a_message_is_sent_with(
    asyncapi: dict[str, Any],
) -> None:
    schemas = asyncapi["components"]["schemas"]
    message = Message(
        id=uuid4(),
        type="tests.something_happened",
        version=1,
        aggregate_id="42",
        occurred_at=datetime(2030, 1, 1, tzinfo=UTC),
        correlation_id=uuid4(),
        causation_id=uuid4(),
        payload={},
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    )

    body = json.loads(message.to_json())

    assert set(schemas["Envelope"]["properties"]) == set(body)
    assert set(schemas["Envelope"]["required"]) == set(body)
    assert set(schemas["Headers"]["properties"]) == set(message.headers)


def resolve(document: dict[str, Any], reference: str) -> Any:
    """What a local `$ref` (`#/a/b`) points at, following a reference to a reference."""
    if not reference.startswith("#/"):
        raise KeyError(reference)
    target: Any = document
    for part in reference.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return resolve(document, target["$ref"]) if "$ref" in target else target


def resolves(document: dict[str, Any], reference: str) -> bool:
    try:
        resolve(document, reference)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def references(node: Any) -> Iterator[str]:
    """Every `$ref` in a JSON document, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)
