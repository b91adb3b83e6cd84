"""Run every benchmark in bench/ and write their figures to bench/results.md.

    .venv/bin/python bench/run_all.py [--short] [--strict]

Runs the load test (bench/load.py) and, when present, bench/fanout.py,
bench/search.py and bench/api.py, each in a subprocess with the environment it
needs, and writes one report. ``--short`` is the CI mode: a few seconds per URL
(the fan-out runs at its budget's size, 50,000 recipients, in about half a minute).
The exit status is non-zero when any benchmark failed.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results.md"
SHORT_ARGS = {}  # script name -> its arguments in --short mode (none need any now)
SERVICE_DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lycksele_bench_other",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
    "REDIS_URL": "redis://127.0.0.1:6379/12",
}


def accepts(script, option):
    help_text = subprocess.run(
        [sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    return option in help_text


def run_other(script, short):
    """Run one of the other helpers' benchmarks; return (ok, seconds, output)."""
    args = []
    if short:
        if accepts(script, "--short"):
            args = ["--short"]
        else:
            args = SHORT_ARGS.get(script.name, [])
    env = dict(os.environ)
    for key, default in SERVICE_DEFAULTS.items():
        env[key] = os.environ.get(f"BENCH_{key}", default)
    print(f"== {script.name} {' '.join(args)}", file=sys.stderr, flush=True)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(script), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    output = (result.stdout + ("\n" + result.stderr if result.returncode else "")).strip()
    print(output, file=sys.stderr, flush=True)
    return result.returncode == 0, time.monotonic() - started, output


def busy_note(load):
    """Say so when other work competed for the cores: then only the ratios of one run compare."""
    if load <= (os.cpu_count() or 1) * 0.5:
        return ""
    return (
        " (other work ran on the machine: absolute req/s are low and vary between runs; "
        "compare the ratios, which come from one interleaved run)"
    )


def git_commit():
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="CI mode: short runs")
    parser.add_argument("--strict", action="store_true", help="a missed load budget fails the run")
    args = parser.parse_args()

    load_at_start = os.getloadavg()[0]
    sections, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "load.json"
        load_args = [sys.executable, str(BENCH / "load.py"), "--json", str(figures)]
        load_args += ["--short"] if args.short else []
        load_args += ["--strict"] if args.strict else []
        print("== load.py", file=sys.stderr, flush=True)
        load = subprocess.run(load_args, cwd=ROOT, capture_output=True, text=True, check=False)
        print(load.stdout, flush=True)
        if load.returncode:
            failures.append("load.py")
            sections.append(f"## Load test\n\nFAILED (exit {load.returncode}):\n\n```\n{load.stderr[-3000:]}\n```\n")
        else:
            sections.append(f"## Load test\n\n{load.stdout.strip()}\n")

    for name in ("fanout.py", "search.py", "api.py", "associations.py"):
        script = BENCH / name
        if not script.exists():
            sections.append(f"## {name}\n\nnot present in this checkout.\n")
            continue
        ok, seconds, output = run_other(script, args.short)
        if not ok:
            failures.append(name)
        status = "ok" if ok else "FAILED"
        sections.append(f"## {name} ({status}, {seconds:.0f} s)\n\n```\n{output}\n```\n")

    header = (
        "# Benchmark results\n\n"
        f"Written by `make bench{'-short' if args.short else ''}` (bench/run_all.py) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_commit()}, "
        f"{platform.machine()} with {os.cpu_count()} cores, load average {load_at_start:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end"
        f"{busy_note(max(load_at_start, os.getloadavg()[0]))}. "
        "Ratios are to `/healthz/live` served by the same gunicorn in the same run; budgets from DESIGN.md: "
        "cached pages ≥ 80 %, uncached ≥ 5 % of its throughput; goals of issue #20: cached ≥ 90 %, uncached "
        "≥ 10 %, cold ≥ 5 %, and through the edge ≥ 80 % of nginx serving a static copy of the same page.\n\n"
    )
    RESULTS.write_text(header + "\n".join(sections))
    print(f"Wrote {RESULTS.relative_to(ROOT)}", flush=True)
    if failures:
        print("Failed: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
