"""Every challenge's reference judged end to end, one `judge run` process each, timed from outside.

    .venv/bin/python benchmarks/bench_references.py [--sandbox docker|local] [--repeat 1] [ID ...]

The issue-10 target: each reference <= 4 s wall with Docker (torch challenges included), AC, with
the default number of examples. Prints one line per challenge (median, spread, verdict), slowest
first, and the total. Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGE = [sys.executable, "-m", "judge.cli"]


def judge_once(challenge: str, sandbox: str) -> tuple[float, str, str]:
    started = time.perf_counter()
    done = subprocess.run([*JUDGE, "run", "challenge", challenge, str(ROOT / "challenges" / challenge / "reference.py"),
                           "--sandbox", sandbox, "--json"], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    try:
        result = json.loads(done.stdout)
        return elapsed, result["verdict"], result.get("message", "")
    except ValueError:
        return elapsed, "ERROR", (done.stderr.strip().splitlines() or ["?"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--sandbox", default="docker")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    ids = args.ids or sorted(p.parent.name for p in (ROOT / "challenges").glob("*/challenge.yaml"))
    rows = []
    for challenge in ids:
        runs = [judge_once(challenge, args.sandbox) for _ in range(args.repeat)]
        times = [r[0] for r in runs]
        rows.append((statistics.median(times), min(times), max(times), challenge, runs[-1][1], runs[-1][2]))
        print(f"  {challenge:<28} {rows[-1][0]:6.2f} s  {runs[-1][1]}", file=sys.stderr, flush=True)
    print(f"references, sandbox {args.sandbox}, {args.repeat} run(s) each, wall of the whole `judge run` process")
    for median, low, high, challenge, verdict, message in sorted(rows, reverse=True):
        flag = "" if verdict == "AC" else f"   <- {message[:80]}"
        over = "  over 4 s" if median > 4 else ""
        print(f"{challenge:<28} median {median:6.2f} s (min {low:.2f}, max {high:.2f})  {verdict}{over}{flag}")
    print(f"{'total':<28} {sum(r[0] for r in rows):6.1f} s over {len(rows)} challenges; "
          f"{sum(r[0] > 4 for r in rows)} over 4 s; {sum(r[4] != 'AC' for r in rows)} not AC")


if __name__ == "__main__":
    main()
