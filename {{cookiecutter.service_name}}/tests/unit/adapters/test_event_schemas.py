"""The schemas in `docs/events/` are the models' own, to the byte: the contract is current."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

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


def test_every_event_schema_and_the_index_match_the_models(documents: dict[str, str]) -> None:
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
