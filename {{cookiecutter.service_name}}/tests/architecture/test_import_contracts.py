"""The architecture is code: these tests fail when a dependency points the wrong way."""

import subprocess
import sys
from pathlib import Path

import grimp

PACKAGE = "{{ cookiecutter.package_name }}"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_are_kept() -> None:
    # In a process of its own: import-linter configures logging as a command does, which
    # would turn off every logger the other tests read.
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, f"an import contract is broken:\n{result.stdout}"


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
