"""The flat app `make bench` compares the service with serves the service's own API.

Were it to serve fewer routes, or answer differently, the benchmark would compare the layers
with a lighter job, not with the same job done flat (`benchmarks/api_parity.py`).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from baking import POSTGRESQL_SERVER, REPO_ROOT, project_environment

pytestmark = pytest.mark.baked


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_flat_baseline_serves_the_same_routes_with_the_same_answers(database: str) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "benchmarks/api_parity.py"),
            *("--database", database, "--postgresql-url", POSTGRESQL_SERVER),
        ],
        cwd=REPO_ROOT,
        env=project_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert done.returncode == 0, done.stdout + done.stderr[-5000:]
    assert "the same routes, the same answers" in done.stdout
