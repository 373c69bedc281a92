"""Start-up of the commands that do no judging, against a bare interpreter.

    .venv/bin/python benchmarks/bench_startup.py [--repeat 9]

The target (issue 10): `judge --version`, `judge list` and `judge show ID` within 1.5x of
`python3 -c pass`. Each figure is the whole process timed from outside, median and spread.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGE = [sys.executable, "-m", "judge"]
COMMANDS = {
    "python3 -c pass": ["python3", "-c", "pass"],
    "same interpreter -c pass": [sys.executable, "-c", "pass"],
    "judge --version": [*JUDGE, "--version"],
    "judge list": [*JUDGE, "list"],
    "judge show lru_cache": [*JUDGE, "show", "lru_cache"],
    "judge plugins": [*JUDGE, "plugins"],
}


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    results = {name: [timed(argv) for _ in range(args.repeat)] for name, argv in COMMANDS.items()}
    bare = statistics.median(results["python3 -c pass"])
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"{name:<28} median {median:6.3f} s  (min {min(samples):.3f}, max {max(samples):.3f})"
              f"  {median / bare:4.1f}x python3 -c pass")


if __name__ == "__main__":
    main()
