"""Benchmarks for the core path, on lru_cache: end-to-end run, sandbox start-up, RPC rate.

    .venv/bin/python benchmarks/bench_lru_cache.py [--sandbox docker|local] [--repeat 5]

Prints one line per figure (median and spread over the repeats). Not a test: numbers depend on
the machine; they are quoted in closing notes and compared between commits on the same machine.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from judge.backends import choose_backend  # noqa: E402
from judge.plugins import make_plugin_manager  # noqa: E402
from judge.sandbox.session import Job, Limits  # noqa: E402

REFERENCE = ROOT / "challenges" / "lru_cache" / "reference.py"
LIMITS = Limits(cpu_seconds=20, wall_seconds=60, memory_mib=256, output_kib=64)


def summary(name: str, samples: list[float], unit: str = "s") -> None:
    low, high = min(samples), max(samples)
    print(f"{name:<42} median {statistics.median(samples):8.3f} {unit}   (min {low:.3f}, max {high:.3f}, n={len(samples)})")


def end_to_end(sandbox: str, repeat: int) -> list[float]:
    times = []
    for seed in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache", str(REFERENCE),
                        "--sandbox", sandbox, "--seed", str(seed)], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return times


def open_session(backend, workdir: Path):
    (workdir / "submission.py").write_bytes(REFERENCE.read_bytes())
    job = Job(workdir=workdir, limits=LIMITS)
    session = backend.open(job)
    base = getattr(backend, "job_path", None) or str(workdir)
    session.start({"submission": f"{base}/submission.py", "support": None, "names": ["LRUCache"]})
    return session


def startup(backend, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            session = open_session(backend, Path(folder))
            times.append(time.perf_counter() - started)
            session.close()
    return times


def rpc_rate(backend, seconds: float = 2.0) -> tuple[float, float]:
    """Round trips per second for empty pings, and for 40-call programs (a typical example)."""
    program = [{"target": None, "name": "LRUCache", "args": [3], "keep": True}] + [
        {"target": 0, "name": "put" if i % 2 else "get", "args": [i % 7, i] if i % 2 else [i % 7]} for i in range(40)]
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(backend, Path(folder))
        for message in ({"op": "ping"}, {"op": "run", "calls": program}):
            op = "pong" if message["op"] == "ping" else "result"
            count, started = 0, time.perf_counter()
            while time.perf_counter() - started < seconds:
                session.request(message, op=op)
                count += 1
            rates.append(count / (time.perf_counter() - started))
        session.close()
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", default="docker")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    backend, _ = choose_backend(make_plugin_manager(), args.sandbox)
    if hasattr(backend, "image"):
        backend.image("python")  # build outside the timings
    print(f"lru_cache benchmarks, sandbox {backend.name}")
    summary("judge run challenge lru_cache <reference>", end_to_end(args.sandbox, args.repeat))
    summary("sandbox start to first answer (hello)", startup(backend, args.repeat * 2))
    pings, programs = rpc_rate(backend)
    print(f"{'RPC round trips per second (empty ping)':<42} {pings:10.0f} /s")
    print(f"{'RPC round trips per second (41-call program)':<42} {programs:10.0f} /s")


if __name__ == "__main__":
    main()
