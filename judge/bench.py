"""`judge bench`: the speed of a submission against the challenge's plain baseline, timed from outside.

For each benchmark shape, three kinds of message run in the same sandbox, interleaved and
repeated: the submission's function K times on fresh inputs, the baseline K times on the same
inputs, and an empty loop that only builds the inputs. The judge's own clock times each message;
the empty loop's median is subtracted, the difference divided by K. The last output of every
timed submission message is checked against the trusted reference first: a wrong answer is a WA,
never a speedup.
"""
from __future__ import annotations

import math
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from judge.challenge import Challenge
from judge.compare import tensor_close
from judge.harness import Benchmark, collect_benchmarks, load_trusted_module
from judge.render import show
from judge.result import Finding, Result, Verdict
from judge.sandbox_start import check_ready, sandbox_session
from judge.source import SourceRejected, check_source
from judge.sandbox.protocol import Raised, decode, encode
from judge.sandbox.session import SandboxFailure


@dataclass
class ShapeTiming:
    shape: dict
    submission_ms: float
    baseline_ms: float
    speedup: float
    spread: float  # (max - min) / median of the submission's repeats


@dataclass
class BenchReport:
    challenge: str
    verdict: Verdict  # AC when every checked output was right
    message: str = ""
    device: str = "cpu"
    sandbox: str = ""
    seed: int = 0
    repeats: int = 0
    geomean_speedup: float | None = None
    shapes: list[ShapeTiming] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**asdict(self), "verdict": self.verdict.value}


def _timed(session, message: dict, timeout: float) -> tuple[float, dict]:
    started = time.perf_counter()
    reply = session.request(message, timeout=timeout, op="bench_result")
    return time.perf_counter() - started, reply


def bench_submission(challenge: Challenge, submission: Path, backend, *, seed: int, device: str = "cpu",
                     repeats: int = 5) -> BenchReport:
    report = BenchReport(challenge.id, Verdict.IE, device=device, sandbox=backend.name, seed=seed, repeats=repeats)
    properties = load_trusted_module(challenge.properties_path, f"judge_bench_properties_{challenge.id}")
    benchmarks = collect_benchmarks(properties)
    if not benchmarks:
        report.message = f"{challenge.id} declares no benchmark (BENCHMARK = benchmark(...) in properties.py)"
        return report
    if challenge.support_path is None:
        report.message = f"{challenge.id}: a benchmark needs support.py for its inputs and baseline"
        return report
    support = load_trusted_module(challenge.support_path, f"judge_bench_support_{challenge.id}")
    reference = load_trusted_module(challenge.reference_path, f"judge_bench_reference_{challenge.id}")
    try:
        source = check_source(submission, challenge)
    except SourceRejected as exc:
        report.verdict, report.message = Verdict.CE, str(exc)
        return report
    result = Result(verdict=Verdict.IE, challenge=challenge.id)
    with sandbox_session(challenge, source, backend, device) as starting:
        session, ready = starting.wait()
        try:
            if not check_ready(result, ready):
                report.verdict, report.message = result.verdict, result.message
                return report
            for bench in benchmarks:
                for shape in bench.shapes:
                    timing = _bench_shape(session, bench, shape, support, reference, seed, repeats)
                    if isinstance(timing, Finding):
                        report.verdict, report.message = timing.verdict, timing.message
                        return report
                    report.shapes.append(timing)
        except SandboxFailure as exc:
            report.verdict, report.message = exc.verdict, exc.message
            return report
        finally:
            session.close()
    report.verdict = Verdict.AC
    report.geomean_speedup = math.exp(statistics.fmean(math.log(max(t.speedup, 1e-9)) for t in report.shapes))
    report.message = f"{len(report.shapes)} shapes, every timed output checked against the reference"
    return report


def _bench_shape(session, bench: Benchmark, shape: dict, support: dict, reference: dict, seed: int,
                 repeats: int) -> ShapeTiming | Finding:
    """Median times of K calls for one shape, or the finding when an output is wrong."""
    compare = bench.compare or tensor_close()
    base_message = {"op": "bench", "inputs": bench.inputs, "shape": encode(shape),
                    "kwargs": encode(bench.kwargs), "repeat": bench.repeat}
    kinds = {"submission": {"target": None, "name": bench.function},
             "baseline": {"target": "support", "name": bench.baseline},
             "empty": {"target": "support", "name": bench.baseline, "empty": True}}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    timeout = session.limits.wall_seconds
    for round_ in range(repeats + 1):  # round 0 is the warm-up, not counted
        for kind, target in kinds.items():
            run_seed = seed + 1000 * round_
            elapsed, reply = _timed(session, {**base_message, **target, "seed": run_seed}, timeout)
            if kind == "submission":
                failure = _check_last_output(reply, bench, shape, support, reference, run_seed, compare)
                if failure:
                    return failure
            if round_:
                times[kind].append(elapsed)
    empty = statistics.median(times["empty"])
    per_call = {kind: max(statistics.median(times[kind]) - empty, 1e-9) / bench.repeat for kind in kinds}
    sub = times["submission"]
    return ShapeTiming(shape=dict(shape), submission_ms=per_call["submission"] * 1e3,
                       baseline_ms=per_call["baseline"] * 1e3,
                       speedup=per_call["baseline"] / per_call["submission"],
                       spread=(max(sub) - min(sub)) / statistics.median(sub))


def _check_last_output(reply: dict, bench: Benchmark, shape: dict, support: dict, reference: dict,
                       run_seed: int, compare) -> Finding | None:
    try:
        if "raise" in reply:
            raised = Raised.from_record(reply["raise"])
            return Finding(Verdict.RE, f"raised {raised.type.removeprefix('builtins.')}: {raised.message[:200]}")
        actual = decode(reply["value"])
    except (KeyError, ValueError, TypeError, RecursionError):
        return Finding(Verdict.RE, "the worker sent a malformed reply")
    args = support[bench.inputs](dict(shape), run_seed + bench.repeat - 1)
    expected = reference[bench.function](*args, **bench.kwargs)
    reason = compare(expected, actual)
    if reason:
        return Finding(Verdict.WA, f"shape {show(shape)}: {reason}")
    return None


def render_text(report: BenchReport) -> str:
    lines = [f"{report.challenge}: bench {report.verdict} on {report.device} ({report.sandbox} sandbox, "
             f"seed {report.seed}, median of {report.repeats})"]
    if report.verdict is not Verdict.AC:
        return "\n".join(lines + [f"  {report.message}"])
    lines.append(f"  {'shape':<40} {'submission':>12} {'baseline':>12} {'speedup':>8} {'spread':>7}")
    for t in report.shapes:
        shape = ", ".join(f"{k}={v}" for k, v in t.shape.items())
        lines.append(f"  {shape:<40} {t.submission_ms:>9.3f} ms {t.baseline_ms:>9.3f} ms {t.speedup:>7.2f}x "
                     f"{t.spread:>6.0%}")
    lines.append(f"  geometric mean speedup: {report.geomean_speedup:.2f}x")
    return "\n".join(lines)
