"""A long-lived judge (pytest plugin, `judge check`, a service): time per run and memory over many runs.

    .venv/bin/python benchmarks/bench_long_lived_judge.py [--sandbox docker|local] [--runs 150]
        [--big-heap]

Judges lru_cache's `returns_bool_on_hit` (WA found early by most seeds, the scaling check by a few)
over and over in one process, and prints resident memory every 10 runs, the growth between the
medians of the first and last 20 runs, and the median seconds per run. `--big-heap` first fills
the judge with 1.5 million objects, as a pytest process holding a catalog's worth of state does,
and adds one exception_handling reference run, whose support helper calls gc.collect() per call.
Not a test: the figures are quoted in closing notes and compared between commits on one machine.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from judge.cli import main  # noqa: E402
from judge.sandbox.local import own_rss_mib  # noqa: E402

PROBE = ROOT / "challenges" / "lru_cache" / "wrong" / "returns_bool_on_hit.py"
GC_HEAVY = ROOT / "challenges" / "exception_handling" / "reference.py"


def judge(challenge: str, path: Path, sandbox: str, seed: int, *extra: str) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["run", "challenge", challenge, str(path), "--sandbox", sandbox, "--seed", str(seed), *extra])
    return time.perf_counter() - started


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", default="local", choices=["docker", "local"])
    parser.add_argument("--runs", type=int, default=150)
    parser.add_argument("--big-heap", action="store_true")
    args = parser.parse_args()
    ballast = [(i, [i]) for i in range(1_500_000)] if args.big_heap else []
    if ballast:
        seconds = judge("exception_handling", GC_HEAVY, args.sandbox, 1)
        print(f"exception_handling reference, 1.5 M objects in the judge: {seconds:.2f} s")
    for seed in range(10):  # warm up: imports, caches, the image lookup
        judge("lru_cache", PROBE, args.sandbox, seed, "--max-examples", "100")
    memory, times = [], []
    for seed in range(args.runs):
        times.append(judge("lru_cache", PROBE, args.sandbox, seed, "--max-examples", "100"))
        memory.append(own_rss_mib())
        if seed % 10 == 9:
            print(f"run {seed + 1:4d}: {memory[-1]:7.1f} MiB resident", flush=True)
    first, last = statistics.median(memory[:20]), statistics.median(memory[-20:])
    print(f"growth: {last - first:+.1f} MiB over {args.runs - 20} runs ({(last - first) / (args.runs - 20):+.3f} MiB/run)")
    print(f"median {statistics.median(times):.2f} s per run ({args.sandbox})")
    del ballast


if __name__ == "__main__":
    run()
