"""How long `cookiecutter --no-input` takes to render the template: target, under a second.

Prints the figures; it is a benchmark, not a test, so it never fails on a slow machine.
Beside each bake it times cookiecutter's own start (Python, cookiecutter's imports and
its default Jinja extensions, which every bake loads and no template can go below), so that
a slow machine shows as such: the template's own share is the difference.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = 10
TARGET_SECONDS = 1.0
COOKIECUTTER_START = [
    sys.executable,
    "-c",
    "import cookiecutter.cli, cookiecutter.main, cookiecutter.extensions",
]


def timed(command: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def render_once(output_dir: Path) -> float:
    return timed(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(output_dir), str(REPO_ROOT)]
    )


def main() -> None:
    renders, starts = [], []
    # Alternately, so that both see the same machine.
    for run in range(RUNS):
        with tempfile.TemporaryDirectory() as output_dir:
            renders.append(render_once(Path(output_dir) / str(run)))
        starts.append(timed(COOKIECUTTER_START))
    median, start = statistics.median(renders), statistics.median(starts)
    print(f"cookiecutter --no-input, {RUNS} runs (process start included)")
    print(f"  median {median:.3f}s   min {min(renders):.3f}s   max {max(renders):.3f}s")
    print(f"  of which cookiecutter's own start (Python, imports, extensions): median {start:.3f}s")
    print(f"  the template's share: {median - start:.3f}s")
    print(f"  target < {TARGET_SECONDS:.1f}s: {'met' if median < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
