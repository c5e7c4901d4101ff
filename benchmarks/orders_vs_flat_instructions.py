"""The layered `orders` service against the flat app, counted in instructions by callgrind.

    uv run python benchmarks/orders_vs_flat_instructions.py [--database sqlite|postgresql]
        [--requests N] [--by-module N]

The timed benchmark (`orders_vs_flat.py`) answers how fast; on a shared machine its ratios
move by more than the gaps it measures. This one answers where the work goes: under
callgrind (`apt-get install valgrind`) a process executes the same instructions on every
run, so a ratio of counts moves only when the code does. Both apps run in-process, called
through ASGI (`instruction_probe.py`) on uvloop, as uvicorn serves them, on a fresh database
of the same kind:

- start-up: interpreter start to the first 200 of `GET /health/live`, its lifespan begun;
- `POST /orders` and `GET /orders/{id}`: after warm-up orders, the count of N of each,
  divided by N.

Neither network nor uvicorn is counted (they cost both apps alike), nor the kernel. With
`--by-module N` it also runs each app with each module's execution marked, and prints the
start-up's gap by top-level module and the N service modules whose own code cost its
start-up most. Like the timed benchmark it bakes `order-service`, then carries on under the
baked project's interpreter.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from orders_vs_flat import (
    MAX_STARTUP_RATIO,
    App,
    Databases,
    benchmark_arguments,
    copy_flat_app,
    gateway_credentials,
    log,
    measuring_environment,
    positive,
    prepare_schema,
    run_benchmark,
)

PROBE = Path(__file__).resolve().parent / "instruction_probe.py"
APPS = (App("layered", ()), App("flat", ()))


@dataclass(frozen=True)
class Counts:
    """One app's instructions: start-up, and per request after the warm-up."""

    startup: int
    post: float
    get: float


def callgrind(
    app: App, requests: int, run_dir: Path, flat_dir: Path, env: dict[str, str], *extra: str
) -> list[tuple[str, int]]:
    """Run the probe under callgrind; each mark's event with the instructions before it."""
    marks = run_dir / f"{app.name}.marks"
    probe = [sys.executable, str(PROBE), app.name, str(requests), str(marks)]
    probe += ["--flat-dir", str(flat_dir), *extra]
    # Untimed and uncounted: writes the bytecode caches, as a deployment has them.
    done = subprocess.run(probe, cwd=run_dir, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{app.name} failed outside callgrind:\n{done.stderr[-3000:]}")
    out = run_dir / f"{app.name}.callgrind"
    for stale in run_dir.glob(f"{out.name}*"):
        stale.unlink()
    counted = subprocess.run(
        [
            *("valgrind", "--tool=callgrind", "--dump-before=os_getppid"),
            f"--callgrind-out-file={out}",
            *probe,
        ],
        cwd=run_dir,
        env=env,
        capture_output=True,
        text=True,
    )
    if counted.returncode != 0:
        raise RuntimeError(f"{app.name} failed under callgrind:\n{counted.stderr[-3000:]}")
    # Callgrind writes <out>.1, <out>.2, ... on each dump, and <out> at the exit.
    parts = sorted(run_dir.glob(f"{out.name}.*"), key=lambda part: int(part.suffix[1:]))
    events = marks.read_text().split("\n")
    return list(zip(events, (instructions(part) for part in parts), strict=True))


def instructions(part: Path) -> int:
    with part.open() as lines:
        for line in lines:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise ValueError(f"{part} has no total")


def counts(parts: list[tuple[str, int]], requests: int) -> Counts:
    events = [event for event, _ in parts]
    startup_end = events.index("start-up")
    last_post = len(events) - 1 - events[::-1].index("placed")
    return Counts(
        startup=sum(count for _, count in parts[: startup_end + 1]),
        post=parts[last_post][1] / requests,
        get=parts[events.index("got")][1] / requests,
    )


PHASES = {
    "built": "starting Python, importing and building the app",
    "lifespan": "its lifespan starting",
    "start-up": "the first request",
}


def by_module(parts: list[tuple[str, int]]) -> collections.Counter[str]:
    """The start-up's instructions, each given to the module whose own code ran them, or,
    outside any module's execution, to the phase of the start-up."""
    own: collections.Counter[str] = collections.Counter()
    phases = iter(event for event, _ in parts if event in PHASES)
    phase = next(phases)
    running: list[str] = []
    for event, count in parts:
        own[running[-1] if running else f"({PHASES[phase]}, outside any module)"] += count
        if event.startswith("+"):
            running.append(event[1:])
        elif event.startswith("-"):
            running.pop()
        elif event == "start-up":
            break
        elif event in PHASES:
            phase = next(phases)
    return own


def report(args: argparse.Namespace, results: dict[str, Counts]) -> None:
    layered, flat = results["layered"], results["flat"]
    print(
        f"\norders: instructions counted by callgrind, {args.database}; in-process through"
        f" ASGI on uvloop, per request the mean of {args.requests} after warm-up"
    )
    print(f"{'':34}{'layered':>14}{'flat':>14}  layered/flat   target")
    rows = [
        ("start-up to the first 200", layered.startup, flat.startup, MAX_STARTUP_RATIO),
        ("POST /orders, per request", layered.post, flat.post, None),
        ("GET /orders/{id}, per request", layered.get, flat.get, None),
    ]
    for label, mine, theirs, target in rows:
        ratio = mine / theirs
        verdict = f"<= {target:.2f}x  {'met' if ratio <= target else 'MISSED'}" if target else ""
        print(f"{label:34}{mine / 1e6:13,.2f}M{theirs / 1e6:13,.2f}M  {ratio:11.3f}x   {verdict}")


def report_modules(
    layered: collections.Counter[str], flat: collections.Counter[str], top: int
) -> None:
    packages: collections.Counter[str] = collections.Counter()
    for own, sign in ((layered, 1), (flat, -1)):
        for name, count in own.items():
            packages[name.split(".")[0]] += sign * count
    gap = sum(packages.values())
    print(f"\nthe start-up's gap, {gap / 1e6:,.1f}M, by top-level module (layered minus flat):")
    for name, count in sorted(packages.items(), key=lambda item: -abs(item[1]))[:top]:
        print(f"  {name:60}{count / 1e6:+10.1f}M")
    print(f"\nthe layered service's {top} dearest modules (their own code, not their imports):")
    mine = [(name, count) for name, count in layered.items() if name.startswith("order_service.")]
    for name, count in sorted(mine, key=lambda item: -item[1])[:top]:
        print(f"  {name:60}{count / 1e6:10.1f}M")


def stage_two(args: argparse.Namespace) -> None:
    project, work_dir = Path(args.project), Path(args.work_dir)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    env, flat_dir = measuring_environment(), copy_flat_app(work_dir)
    env["JWT_PUBLIC_KEY"], env["PROBE_ACCESS_TOKEN"] = gateway_credentials()
    databases = Databases(args.database, work_dir, args.postgresql_url)
    results: dict[str, Counts] = {}
    modules: dict[str, collections.Counter[str]] = {}
    try:
        for app in APPS:
            url = databases.fresh(app.name)
            prepare_schema(app, url, project, flat_dir, env)
            app_env = env | {"DATABASE_URL": url, "RUN_RELAY": "false"}
            log(f"{app.name}: counting (a minute or two)")
            results[app.name] = counts(
                callgrind(app, args.requests, work_dir, flat_dir, app_env), args.requests
            )
            if args.by_module:
                log(f"{app.name}: counting by module")
                parts = callgrind(app, 1, work_dir, flat_dir, app_env, "--by-module")
                modules[app.name] = by_module(parts)
    finally:
        databases.drop_all()
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
    report(args, results)
    if args.by_module:
        report_modules(modules["layered"], modules["flat"], args.by_module)


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = benchmark_arguments(__doc__)
    parser.add_argument("--requests", type=positive, default=50, help="POSTs, then as many GETs")
    parser.add_argument(
        "--by-module", type=int, default=0, metavar="N", help="list the N dearest modules"
    )
    return parser.parse_args(argv)


def main() -> None:
    run_benchmark(__file__, parse_arguments, stage_two)


if __name__ == "__main__":
    main()
