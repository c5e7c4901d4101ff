# The template directory is Jinja, not Python: its baked projects lint themselves.
PYTHON_DIRS = hooks tests benchmarks

.PHONY: install test test-fast lint bench bench-count bake

install:  ## Install the template's test tools into .venv
	uv sync

test:  ## Everything: hooks, rendering, and every baked variant's own lint and tests
	uv run pytest

test-fast:  ## Hooks, rendering, Dockerfile and published-language tests, no baked suite (about a minute)
	uv run pytest -m "not baked"

lint:  ## Style and types of the hooks, tests and benchmarks
	uv run ruff check $(PYTHON_DIRS)
	uv run ruff format --check $(PYTHON_DIRS)
	uv run mypy

bench:  ## Render time, then the layered orders service against a flat app (SQLite; DATABASE=postgresql)
	uv run python benchmarks/render_time.py
	uv run python benchmarks/orders_vs_flat.py --database $(or $(DATABASE),sqlite)

bench-count:  ## The same two apps counted in instructions by callgrind, and where start-up goes
	uv run python benchmarks/orders_vs_flat_instructions.py --database $(or $(DATABASE),sqlite) --by-module 15

bake:  ## Bake the defaults into ./build for a look around
	uv run cookiecutter --no-input --overwrite-if-exists --output-dir build .
