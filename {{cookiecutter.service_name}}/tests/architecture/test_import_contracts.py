"""The architecture is code: these tests fail when a dependency points the wrong way."""

import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

PACKAGE = "{{ cookiecutter.package_name }}"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_are_kept() -> None:
    exit_code = lint_imports(config_filename=str(PROJECT_ROOT / "pyproject.toml"), no_cache=True)

    assert exit_code == 0, "an import contract is broken: run `uv run lint-imports` for details"


def test_the_domain_and_application_import_only_the_standard_library() -> None:
    graph = grimp.build_graph(PACKAGE, include_external_packages=True)
    inner_modules = {
        module
        for layer in (f"{PACKAGE}.domain", f"{PACKAGE}.application")
        for module in graph.find_descendants(layer) | {layer}
    }

    outside_imports = sorted(
        f"{module} imports {imported}"
        for module in inner_modules
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.split(".")[0] not in {PACKAGE, *sys.stdlib_module_names}
    )

    assert outside_imports == []
