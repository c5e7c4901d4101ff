"""How long `cookiecutter --no-input` takes to render the template: target, under a second.

Prints the figures; it is a benchmark, not a test, so it never fails on a slow machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS = 10
TARGET_SECONDS = 1.0


def render_once(output_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(output_dir), str(REPO_ROOT)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    timings = []
    for run in range(RUNS):
        with tempfile.TemporaryDirectory() as output_dir:
            timings.append(render_once(Path(output_dir) / str(run)))
    median = statistics.median(timings)
    print(f"cookiecutter --no-input, {RUNS} runs (process start included)")
    print(f"  median {median:.3f}s   min {min(timings):.3f}s   max {max(timings):.3f}s")
    print(f"  target < {TARGET_SECONDS:.1f}s: {'met' if median < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
