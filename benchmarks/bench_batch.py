"""Batch throughput, and the whole catalog judged in one batch under load (issue 10, "Many judgments").

    .venv/bin/python benchmarks/bench_batch.py [--copies 10] [--repeat 5] [--jobs 2] [--sandbox docker,local]
                                               [--skip-throughput] [--skip-references]

(a) Judgments per minute: `judge run challenge lru_cache DIR --jobs 2` on a folder of N copies of
    examples/lru_cache_solution.py, timed from outside (the whole process), median and spread over
    the repeats, per sandbox; next to one serial `judge run` of the same file and a bare
    `python3 -c pass`. The issue-10 target is >= 60 a minute with Docker and --jobs 2.
(b) Every challenge's reference.py (torch ones included) in one `judge eval` batch with --jobs 2
    while an extra CPU hog (`python3 -c "while True: pass"`) runs; any verdict but AC is printed
    (the target: all AC, no false TLE under load).

Not a test: the figures depend on the machine; they are quoted in closing notes.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "examples" / "lru_cache_solution.py"
_SCRIPT = Path(sys.executable).with_name("judge")
JUDGE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "judge.cli"]


def spread(samples: list[float]) -> str:
    return f"median {statistics.median(samples):7.2f}  (min {min(samples):.2f}, max {max(samples):.2f}, n={len(samples)})"


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, done


def verdicts(stdout: str) -> list[dict]:
    out = []
    for line in stdout.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def throughput(sandbox: str, copies: int, repeat: int, jobs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        for i in range(copies):
            shutil.copyfile(SOLUTION, folder / f"copy_{i:03d}.py")
        timed([*JUDGE, "run", "challenge", "lru_cache", str(SOLUTION), "--sandbox", sandbox])  # warm-up (image, caches)
        single, rates, batch = [], [], []
        for _ in range(repeat):
            seconds, done = timed([*JUDGE, "run", "challenge", "lru_cache", str(SOLUTION), "--sandbox", sandbox, "--json"])
            single.append(seconds)
            seconds, done = timed([*JUDGE, "run", "challenge", "lru_cache", str(folder), "--jobs", str(jobs),
                                   "--sandbox", sandbox, "--json"])
            results = verdicts(done.stdout)
            wrong = [r for r in results if r["verdict"] != "AC"]
            if len(results) != copies or wrong:
                print(f"  !! {sandbox}: {len(results)} results, not AC: "
                      f"{[(r['submission'], r['verdict'], r['message']) for r in wrong]} {done.stderr[-300:]}")
            batch.append(seconds)
            rates.append(copies / seconds * 60)
        print(f"{sandbox:>6}: one `judge run` (s)                     {spread(single)}"
              f"   = {60 / statistics.median(single):.1f} a minute serially")
        print(f"{sandbox:>6}: batch of {copies} with --jobs {jobs} (s)           {spread(batch)}")
        print(f"{sandbox:>6}: judgments per minute, --jobs {jobs}          {spread(rates)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def references_under_load(sandbox: str, jobs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-refs-"))
    samples, output = folder / "samples.jsonl", folder / "results.jsonl"
    ids = sorted(p.parent.name for p in (ROOT / "challenges").glob("*/reference.py"))
    samples.write_text("".join(json.dumps({"challenge": cid, "sample_id": "reference",
                                           "file": str(ROOT / "challenges" / cid / "reference.py")}) + "\n"
                               for cid in ids))
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        seconds, done = timed([*JUDGE, "eval", str(samples), "-o", str(output), "--jobs", str(jobs), "--k", "1",
                               "--sandbox", sandbox, "--json"])
    finally:
        hog.kill()
        hog.wait()
    try:
        results = verdicts(output.read_text()) if output.exists() else []
        wrong = [r for r in results if r["verdict"] != "AC"]
        print(f"{sandbox:>6}: {len(ids)} references in one `judge eval` batch, --jobs {jobs}, one CPU hog running: "
              f"{seconds:.1f} s wall ({len(results) / seconds * 60:.1f} a minute), "
              f"{len(results) - len(wrong)} of {len(ids)} AC (exit {done.returncode})")
        if len(results) != len(ids):
            print(f"  !! {len(ids) - len(results)} without a result; stderr: {done.stderr[-500:]}")
        walls = sorted(((r["wall_seconds"], r["challenge"]) for r in results), reverse=True)[:5]
        print(f"        slowest sandbox wall times: {', '.join(f'{c} {w:.1f} s' for w, c in walls)}")
        for r in wrong:
            print(f"  !! {r['challenge']}: {r['verdict']}  {r['message'][:200]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sandbox", default="docker,local", help="comma-separated: docker, local")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-references", action="store_true")
    args = parser.parse_args()
    sandboxes = [s for s in args.sandbox.split(",") if s]
    bare = [timed(["python3", "-c", "pass"])[0] for _ in range(args.repeat)]
    print(f"bare `python3 -c pass` (s)                        {spread(bare)}")
    if not args.skip_throughput:
        for sandbox in sandboxes:
            throughput(sandbox, args.copies, args.repeat, args.jobs)
    if not args.skip_references:
        references_under_load(sandboxes[0], args.jobs)


if __name__ == "__main__":
    main()
