"""Where one judgment's time goes, phase by phase, for one challenge and submission.

    .venv/bin/python benchmarks/bench_breakdown.py [--sandbox docker|local] [--repeat 5]
                                                   [CHALLENGE [FILE]]     (default: lru_cache, its example)

Phases, each a median over the repeats (with min and max), measured in this process around the
judge's own functions (nothing is changed, only timed):

  process start + imports   `python -c "import judge.cli"` minus `python -c pass` (separate processes)
  plugins + challenge       plugin discovery and loading challenge.yaml
  choose backend            the backend's availability probe (Docker: a ping)
  sandbox start             backend.open + the hello, on its own thread (overlaps what follows:
                            examples are generated and queued while it runs)
  trusted modules           reference, properties and support imported into the judge
  wait for the sandbox      what the judge still waited for the sandbox (its queue of examples
                            full, or a property over before the sandbox was up)
  examples: generation      hypothesis generating and shrinking, the judge's own bookkeeping
  examples: reference       the reference running the programs (overlaps the submission's run)
  examples: round trips     waiting for the worker's replies (examples are sent ahead, so only
                            what the worker had not answered when the judge needed it)
  scaling properties        the big timed programs, end to end
  teardown                  closing the session (container removal)
  process exit              from the command's return (verdict printed) to the process's end

and the whole `judge run` process timed from outside, next to `python3 -c pass`. Not a test:
the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from judge import runner, sandbox_start  # noqa: E402
from judge.backends import choose_backend  # noqa: E402
from judge.catalog import Catalog  # noqa: E402
from judge.plugins import make_plugin_manager  # noqa: E402
from judge.sandbox.session import StreamSession  # noqa: E402


def wall(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def exit_seconds(python: str, args: list[str]) -> float:
    """How long the `judge` process takes to exit once its command has returned (the verdict is out)."""
    code = (f"import sys, time; sys.argv = {['judge', *args]!r}; from judge.cli import main; rc = main(); "
            "sys.stderr.write(f'RETURNED {time.time()!r}\\n'); sys.exit(rc)")
    done = subprocess.run([python, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT)
    ended = time.time()
    returned = [line for line in done.stderr.splitlines() if line.startswith("RETURNED ")]
    return ended - float(returned[-1].split()[1])


class Timers:
    """Wraps the judge's functions to add up the time spent in each; restores nothing (one process)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, owner, name: str, phase: str) -> None:
        original = getattr(owner, name)
        spent = self.spent

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - started

        setattr(owner, name, timed)


def one_judgment(challenge_id: str, submission: Path, sandbox: str, timers: Timers) -> dict[str, float]:
    timers.spent.clear()
    phases: dict[str, float] = {}
    started = time.perf_counter()
    pm = make_plugin_manager()
    challenge = Catalog(pm).get(challenge_id)
    phases["plugins + challenge"] = time.perf_counter() - started
    started = time.perf_counter()
    backend, _ = choose_backend(pm, sandbox)
    phases["choose backend"] = time.perf_counter() - started
    started = time.perf_counter()
    result = runner.judge_submission(challenge, submission, backend, seed=1)
    total = time.perf_counter() - started
    if hasattr(backend, "close"):
        backend.close()
    spent = dict(timers.spent)
    phases["sandbox start (own thread)"] = spent.get("start", 0.0)
    phases["trusted modules"] = spent.get("modules", 0.0)
    phases["wait for the sandbox"] = spent.get("wait", 0.0)
    examples = spent.get("properties", 0.0)
    phases["examples: reference"] = spent.get("properties reference", 0.0)
    phases["examples: round trips"] = spent.get("properties receive", 0.0)
    phases["examples: generation"] = examples - phases["examples: reference"] - phases["examples: round trips"]
    phases["scaling properties"] = spent.get("scaling", 0.0)
    phases["teardown"] = spent.get("close", 0.0)
    phases["judge_submission, all"] = total
    phases["verdict " + result.verdict.value] = 0.0
    return phases


def install(timers: Timers) -> None:
    timers.wrap(sandbox_start.SandboxStart, "_start", "start")
    timers.wrap(sandbox_start.SandboxStart, "wait", "wait")
    timers.wrap(runner, "load_trusted_module", "modules")
    timers.wrap(runner.Judging, "run_reference", "reference")
    timers.wrap(StreamSession, "receive", "receive")
    timers.wrap(StreamSession, "close", "close")
    original_property = runner.Judging.run_property

    def run_property(self, prop):
        started = time.perf_counter()
        before = dict(timers.spent)
        try:
            return original_property(self, prop)
        finally:
            elapsed = time.perf_counter() - started
            kind = "scaling" if prop.is_scaling else "properties"
            timers.spent[kind] += elapsed
            for phase in ("reference", "receive"):
                timers.spent[f"{kind} {phase}"] += timers.spent[phase] - before.get(phase, 0.0)

    runner.Judging.run_property = run_property


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("challenge", nargs="?", default="lru_cache")
    parser.add_argument("file", nargs="?", type=Path, default=None)
    parser.add_argument("--sandbox", default="docker")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    submission = args.file or (ROOT / "examples" / "lru_cache_solution.py" if args.challenge == "lru_cache"
                               else ROOT / "challenges" / args.challenge / "reference.py")
    python = sys.executable
    bare = [wall([python, "-c", "pass"]) for _ in range(args.repeat)]
    imports = [wall([python, "-c", "import judge.cli"]) - b for b in bare]
    command = [python, "-m", "judge.cli", "run", "challenge", args.challenge, str(submission), "--sandbox", args.sandbox]
    whole = [wall(command) for _ in range(args.repeat)]
    local = [wall(command[:-1] + ["local"]) for _ in range(args.repeat)] if args.sandbox != "local" else whole
    exits = [exit_seconds(python, command[3:]) for _ in range(args.repeat)]
    timers = Timers()
    install(timers)
    one_judgment(args.challenge, submission, args.sandbox, timers)  # warm: image built, caches filled
    runs = [one_judgment(args.challenge, submission, args.sandbox, timers) for _ in range(args.repeat)]

    def row(name: str, samples: list[float]) -> None:
        print(f"  {name:<34} {statistics.median(samples):7.3f} s   (min {min(samples):.3f}, max {max(samples):.3f})")

    print(f"{args.challenge}, {submission.name}, sandbox {args.sandbox}, {args.repeat} runs")
    row("python3 -c pass", bare)
    row(f"judge run (whole process, {args.sandbox})", whole)
    if args.sandbox != "local":
        row("judge run (whole process, local)", local)
    print("phases")
    row("process start + imports", imports)
    row("process exit, after the verdict", exits)
    for name in runs[0]:
        if name.startswith("verdict"):
            print(f"  {name}")
        else:
            row(name, [r[name] for r in runs])


if __name__ == "__main__":
    main()
