"""Judging one submission: trusted reference and hypothesis here, the submission in a sandbox.

Everything that decides the verdict happens in this process: generating inputs, running the
reference, decoding the worker's replies with builtin constructors, comparing them, and measuring
time. The worker only ever reports values.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import io
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from judge.challenge import Challenge
from judge.compare import exact
from judge.interrupts import hypothesis_calls, raise_held
from judge.harness import Call, Obj, Program, Property, collect_properties, load_trusted_module, seeded_rng
from judge.render import render_program, show
from judge.result import Finding, Result, Verdict
from judge.source import SourceRejected, check_source
from judge.sandbox.protocol import WORKLOAD_CHUNK, Raised, decode, encode, execute
from judge.ahead import Ahead
from judge.sandbox.session import SandboxFailure, StreamSession, Ticket
from judge.sandbox_start import SandboxStart, check_ready, import_problem, sandbox_session

SCALING_ALLOWANCE_S = 0.5  # scheduling jitter of two processes; the wire has its own share


@dataclass
class Failure(Finding):
    """What went wrong in one program, and whether it ends the judging at once (the worker is gone,
    out of memory, or sent nonsense: no further example can run, so none is shrunk)."""

    fatal: bool = False


@dataclass(frozen=True)
class Progress:
    """Where a judgment is, for a live display: the step (a property's name, or what the judge is
    doing before the first), the examples run so far, and whether a failure is being shrunk."""

    step: str
    examples: int = 0
    scaling: bool = False
    shrinking: bool = False


class _Stop(Exception):
    """Raised inside a hypothesis example to mark it failing; the details live in the Failure."""


class _Abort(BaseException):
    """Ends hypothesis' run at once, without shrinking: hypothesis re-raises a BaseException (as it
    does KeyboardInterrupt) instead of recording a failing example. The details live in the Failure."""


class _NotReady(BaseException):
    """The sandbox did not come up with the submission imported: raised through hypothesis from the
    first example that needed the worker; judge_submission reports why (CE, RE, or the backend's error)."""


def _wire(value: Any) -> Any:
    if type(value) is int or type(value) is str:
        return value
    if isinstance(value, Obj):
        return {"$": "ref", "id": value._index}
    if type(value) is list:
        return [_wire(v) for v in value]
    if type(value) is tuple:
        return {"$": "tuple", "v": [_wire(v) for v in value]}
    if type(value) is dict:
        return {"$": "dict", "v": [[_wire(k), _wire(v)] for k, v in value.items()]}
    return encode(value)


_ATOMS = (int, float, str, bool, type(None), bytes, complex)


def _may_change(value: Any) -> bool:
    """Arguments that a call could mutate in place are echoed back after the call and checked."""
    if type(value) in _ATOMS or isinstance(value, Obj):
        return False
    if type(value) is tuple:
        return any(_may_change(v) for v in value)
    return True


def wire_calls(program: Program) -> list[dict]:
    """The program as the worker reads it. Scaling properties send hundreds of thousands of calls
    with int and str arguments: those take a fast path (no copy, nothing to echo)."""
    calls = []
    for c in program.calls:
        args, echo = [], False
        for a in c.args:
            if type(a) is int or type(a) is str:
                args.append(a)
            else:
                args.append(_wire(a))
                echo = echo or _may_change(a)
        call = {"target": c.target, "name": c.name, "args": args, "keep": c.keep}
        if c.fetch:
            call["fetch"] = True
        if c.kwargs:
            call["kwargs"] = {k: _wire(v) for k, v in c.kwargs.items()}
            echo = echo or any(map(_may_change, c.kwargs.values()))
        if echo:
            call["echo"] = True
        calls.append(call)
    return calls


def _decode_outcome(outcome: Any, echo: bool) -> tuple[str, Any, Any]:
    """('value', v, args_after) or ('raise', Raised, None); anything else is a protocol violation."""
    if type(outcome) is not dict:
        raise ValueError("outcome is not an object")
    if "raise" in outcome:
        return "raise", Raised.from_record(outcome["raise"]), None
    if "value" not in outcome or (echo and "args_after" not in outcome):
        raise ValueError("outcome without a value")
    after = None
    if echo:
        after = (decode(outcome["args_after"]),
                 {k: decode(v) for k, v in outcome.get("kwargs_after", {}).items()})
    return "value", decode(outcome["value"]), after


def _size(program: Program) -> str:
    """How big a scaling program is, for a TLE message: its calls, and the operations of its workloads."""
    workloads = sum(1 for c in program.calls if c.target == "workload")
    return f"{len(program.calls)} calls" + (f" ({workloads} generated workload{'s' * (workloads > 1)})" if workloads else "")


def _bad_chunks(ref_out: dict, sub_out: dict) -> tuple[int, int, list]:
    """The first and last chunk of a workload whose digests differ, and the submission's digests."""
    want = decode(ref_out["value"])["chunks"]
    got = decode(sub_out["value"])
    got = got.get("chunks", []) if type(got) is dict else []
    bad = [n for n in range(max(len(want), len(got))) if n >= len(want) or n >= len(got) or want[n] != got[n]]
    return bad[0], bad[-1], got


def _workload_outcome(tagged: Any) -> Any:
    """One operation's outcome from a workload window: a value, or the exception it raised."""
    if type(tagged) is dict and "$raise" in tagged:
        bases = tagged.get("bases", [])
        return Raised(str(tagged["$raise"]), "", "", tuple(str(b) for b in bases) if type(bases) is list else ())
    return decode(tagged)


def raises_as_expected(expected: Raised, actual: Raised, exact_type: bool) -> bool:
    """A spec's "raises ValueError" is met by a subclass (as `except ValueError` and pytest.raises
    take it), unless the challenge asks for the very type (`exceptions: exact` in challenge.yaml)."""
    return expected.type == actual.type or (not exact_type and expected.type in actual.bases)


def _outcome_differs(expected: Any, actual: Any, exact_type: bool) -> str | None:
    if isinstance(expected, Raised) or isinstance(actual, Raised):
        if isinstance(expected, Raised) and isinstance(actual, Raised):
            if raises_as_expected(expected, actual, exact_type):
                return None
            return f"expected {_exc_name(expected)}, got {_exc_name(actual)}"
        if isinstance(expected, Raised):
            return f"expected {_exc_name(expected)} to be raised, got {show(actual)}"
        return f"raised {_exc_name(actual)}"
    return exact(expected, actual)


def _exc_name(raised: Raised) -> str:
    return raised.type.removeprefix("builtins.")


class Judging:
    """One submission against one challenge, through one open sandbox session."""

    def __init__(self, challenge: Challenge, starting: "SandboxStart", seed: int, max_examples: int | None,
                 progress: Callable[[Progress], None] | None = None) -> None:
        self.challenge, self.starting, self.seed, self.max_examples = challenge, starting, seed, max_examples
        self.session: StreamSession | None = None
        self.progress = progress or (lambda state: None)
        tag = f"{challenge.id}_{id(self)}"
        self._modules = [f"judge_{kind}_{tag}" for kind in ("support", "reference", "properties")]
        self.support = load_trusted_module(challenge.support_path, self._modules[0]) if challenge.support_path else {}
        self.reference = load_trusted_module(challenge.reference_path, self._modules[1])
        self.properties = collect_properties(load_trusted_module(challenge.properties_path, self._modules[2]))
        # support.py's RUN_ALONE: its helpers measure the process they run in (tracemalloc, gc, a
        # patched clock), so a program that calls one runs with nothing else in flight.
        self.helpers_run_alone = bool(self.support.get("RUN_ALONE", False))
        _one_torch_thread()
        self.examples = 0

    def runs_alone(self, program: Program) -> bool:
        """Whether the judge must run this program's reference with no reply arriving meanwhile:
        it calls support.py, and support.py says its helpers measure the judge (RUN_ALONE)."""
        return self.helpers_run_alone and any(call.target == "support" for call in program.calls)

    def live_session(self, block: bool = True) -> StreamSession | None:
        """The sandbox's session once it is up with the submission imported; None while it is still
        starting (unless `block`). Raises _NotReady when it came up without a usable submission."""
        if self.session is None:
            if not block and not self.starting.done():
                return None
            try:
                session, ready = self.starting.wait()
            except Exception as exc:  # the backend's own error: judge_submission raises it again
                raise _NotReady() from exc  # (Ctrl-C and SIGTERM go on up as they are)
            if import_problem(ready) is not None:
                raise _NotReady()
            self.session = session
        return self.session

    def close(self) -> None:
        """Forget this run's copies of the trusted modules: a long-lived judge (pytest, `judge
        check`) loads them afresh for every run, and must not keep each run's."""
        for name in self._modules:
            sys.modules.pop(name, None)

    def run_reference(self, calls: list[dict]) -> list:
        """The reference's outcomes, run as the worker would run them, minus the judge's own hooks:
        hypothesis registers gc callbacks here, which a profiling challenge would otherwise see.
        The judge's own objects are frozen meanwhile: a support helper that calls gc.collect()
        (to see files or objects left behind) then scans the call's objects, not a judge process
        that may hold millions (pytest, `judge check`)."""
        saved = gc.callbacks[:]
        gc.callbacks.clear()
        gc.freeze()
        try:
            return execute(self.reference, self.support, calls, catch=Exception)
        finally:
            gc.unfreeze()
            gc.callbacks[:] = saved

    # -- one program
    def run_program(self, program: Program, prop: Property,
                    time_limit: Callable[[float], float] | None = None) -> Failure | None:
        """Run one program on both sides and compare call by call. `time_limit` (scaling properties)
        turns the reference's seconds into the submission's limit for the same program."""
        calls = wire_calls(program)
        try:
            reference, reply = self._exchange(program, calls, time_limit)
        except SandboxFailure as exc:
            return self._sandbox_failure(exc, program, prop, len(calls) - 1)
        return self._compare(program, prop, calls, reference, reply)

    def judge_reply(self, program: Program, prop: Property, calls: list[dict], reference: list,
                    ticket: Ticket) -> Failure | None:
        """The worker's reply to a program sent ahead (see Ahead), against the reference's outcomes."""
        try:
            reply = self.session.receive(ticket)
        except SandboxFailure as exc:
            return self._sandbox_failure(exc, program, prop, len(calls) - 1)
        return self._compare(program, prop, calls, reference, reply)

    def _compare(self, program: Program, prop: Property, calls: list[dict], reference: list,
                 reply: dict) -> Failure | None:
        outcomes = reply.get("outcomes")
        if type(outcomes) is not list or len(outcomes) != len(calls):
            return Failure(Verdict.RE, "the worker sent a malformed reply", prop.name, fatal=True)
        for index, (call, ref_out, sub_out) in enumerate(zip(program.calls, reference, outcomes)):
            try:
                failure = self._judge_call(call, ref_out, sub_out, "echo" in calls[index])
            except (ValueError, TypeError, KeyError, RecursionError, OverflowError):
                return Failure(Verdict.RE, "the worker sent a malformed reply", prop.name, fatal=True)
            if failure is not None:
                if call.target == "workload" and failure.verdict is Verdict.WA:
                    explained = self._explain_workload(program, prop, index, calls, ref_out, sub_out)
                    if explained is None:
                        continue  # only differences the comparison accepts (an exception's subclass)
                    return explained
                failure.property = prop.name
                failure.counterexample = render_program(program, index, failure.message)
                failure.fatal = failure.verdict is Verdict.MLE  # a resource verdict: stop rather than shrink
                return failure
        return None

    def _exchange(self, program: Program, calls: list[dict],
                  time_limit: Callable[[float], float] | None = None) -> tuple[list, dict]:
        """The reference's outcomes and the worker's reply for the same calls. The worker runs them
        while the judge runs the reference: two processes, one wait. Not when the program runs
        alone (runs_alone): a scenario that measures the judge process itself (tracemalloc, gc)
        must not see the sandbox's reply arrive meanwhile. Nor for a timed program (`time_limit`):
        the reference is timed first, then the submission, each beside the same outside load. Timed
        side by side, the reference shared the cores with its own worker and the submission only
        with what remained after it: on a machine busy with other judgments (a test suite, a
        batch), the reference's time swelled more than the submission's, and a 10x slower
        submission passed an 8x limit."""
        session = self.live_session()
        overlap = time_limit is None and not self.runs_alone(program)
        ticket = session.send({"op": "run", "calls": calls}) if overlap else None
        started = time.perf_counter()
        reference = self.run_reference(calls)
        timeout = time_limit(time.perf_counter() - started) if time_limit else None
        ticket = ticket or session.send({"op": "run", "calls": calls})
        return reference, session.receive(ticket, timeout=timeout)

    def _sandbox_failure(self, exc: SandboxFailure, program: Program, prop: Property, upto: int) -> Failure:
        note = f"{exc.verdict}: {exc.message}"
        return Failure(exc.verdict, exc.message, prop.name, render_program(program, upto, note),
                       traceback=exc.detail or None, fatal=True)

    def _explain_workload(self, program: Program, prop: Property, index: int, calls: list[dict],
                          ref_out: dict, sub_out: dict) -> Failure | None:
        """The digests of a workload differ: replay the program up to it once more, with the outcomes
        of the differing chunks of operations sent back, and name the first operation that differs.
        None when every difference is one the comparison accepts (a subclass of the exception)."""
        first, last, sub_chunks = _bad_chunks(ref_out, sub_out)
        replay = [dict(c) for c in calls[: index + 1]]
        window = [first * WORKLOAD_CHUNK, (last + 1) * WORKLOAD_CHUNK]
        replay[index]["window"] = window
        try:
            reference, reply = self._exchange(program, replay)
        except SandboxFailure as exc:
            return self._sandbox_failure(exc, program, prop, index)
        call = program.calls[index]
        try:
            want = decode(reference[index]["value"])
            got = decode(reply["outcomes"][index]["value"])
            for offset, (ref_op, sub_op) in enumerate(zip(want["window"], got.get("window", []))):
                method, args, ref_outcome = ref_op
                expected, actual = _workload_outcome(ref_outcome), _workload_outcome(sub_op[2])
                reason = _outcome_differs(expected, actual, self.challenge.exact_exceptions)
                if reason:
                    number = window[0] + offset + 1
                    args_text = ", ".join(show(a) for a in decode(args))
                    owner = program.calls[call.args[0]._index].label or "obj"
                    step = f"operation {number:,} of {want['operations']:,}: {owner}.{method}({args_text})"
                    message = f"{step}: {reason}"
                    return Failure(Verdict.WA, message, prop.name,
                                   render_program(program, index, f"{step}: expected {show(expected)}, got {show(actual)}"),
                                   show(expected), show(actual))
            if want["operations"] != got.get("operations"):
                message = f"the workload ran {got.get('operations')} operations, expected {want['operations']}"
                return Failure(Verdict.WA, message, prop.name, render_program(program, index, message))
            if got.get("chunks") == sub_chunks:
                return None  # the same outcomes as the first run, each one as good as the reference's
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return Failure(Verdict.RE, "the worker sent a malformed reply", prop.name, fatal=True)
        message = ("the workload's outcomes differ from the reference's, but not when replayed "
                   "(does the submission depend on something other than its calls?)")
        return Failure(Verdict.WA, message, prop.name, render_program(program, index, message))

    def _judge_call(self, call: Call, ref_out: dict, sub_out: Any, echo: bool) -> Failure | None:
        """One call's outcome against the reference's: None when they agree, else the failure
        (its verdict, why, and both outcomes as the judge shows them)."""
        ref_kind, ref_value, ref_after = _decode_outcome(ref_out, echo)
        kind, value, after = _decode_outcome(sub_out, echo)
        if ref_kind == "raise" and kind == "raise":
            if not raises_as_expected(ref_value, value, self.challenge.exact_exceptions):
                return Failure(Verdict.WA, f"expected {_exc_name(ref_value)}, got {_exc_name(value)}",
                               expected=_exc_name(ref_value), actual=_exc_name(value), traceback=value.traceback)
            return None
        if ref_kind == "raise":
            return Failure(Verdict.WA, f"expected {_exc_name(ref_value)} to be raised, got {show(value)}",
                           expected=_exc_name(ref_value), actual=show(value))
        if kind == "raise":
            verdict = Verdict.MLE if value.type == "builtins.MemoryError" else Verdict.RE
            return Failure(verdict, f"raised {show(value)}", expected=show(ref_value), actual=f"raised {show(value)}",
                           traceback=value.traceback)
        reason = call.comparator(ref_value, value)
        if reason:
            return Failure(Verdict.WA, reason, expected=show(ref_value), actual=show(value))
        if not echo:
            return None
        # kept objects (Obj) are the submission's own state, compared through later calls, not here
        changed = [(str(i + 1), w, g) for i, (w, g) in enumerate(zip(ref_after[0], after[0]))
                   if not isinstance(call.args[i], Obj)]
        changed += [(k, ref_after[1][k], after[1].get(k)) for k in ref_after[1] if not isinstance(call.kwargs.get(k), Obj)]
        for position, want, got in changed:
            reason = exact(want, got)
            if reason:
                return Failure(Verdict.WA, f"the call changed argument {position} (the reference leaves it as it was "
                               f"or changes it differently): {reason}", expected=show(want), actual=show(got))
        return None

    # -- properties
    def _settings(self, prop: Property):
        # No explain phase: it replays the failure under a line tracer (slow for every trusted
        # reference call it passes through) to annotate a report that the judge never prints.
        # Other phases come from the loaded profile (`judge check` drops shrinking for mutants).
        _configure_hypothesis()
        from hypothesis import HealthCheck, Verbosity, settings  # imported while the sandbox starts

        phases = tuple(phase for phase in settings.default.phases if phase.name != "explain")
        return settings(max_examples=self.max_examples or prop.max_examples, database=None, deadline=None,
                        derandomize=False, suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                        print_blob=False, verbosity=Verbosity.quiet, phases=phases)

    def run_property(self, prop: Property) -> Failure | None:
        """A property's examples, sent ahead (Ahead); after a failure, replayed one example at a time
        so that hypothesis can shrink it. A failure the replay does not meet again (a submission
        whose answers depend on what it saw before) still stands, as found."""
        if prop.is_scaling:
            return self.run_scaling(prop)
        before = self.examples
        ahead = Ahead(self, prop)
        failure = self._explore(prop, ahead)
        if failure is None:
            return None
        if ahead.failed_at is not None:  # count the examples up to the failure, not those drawn after it
            self.examples = ahead.failed_at
        if failure.fatal or not _shrinks() or not ahead.drain():
            return failure
        found_at, self.examples = self.examples, before
        replayed = self._explore(prop, None)
        if replayed is None:
            self.examples = found_at
        return replayed or failure

    def _explore(self, prop: Property, ahead: Ahead | None) -> Failure | None:
        """Hypothesis' run of one property: examples sent ahead and the first failure as found
        (`ahead`), or one example at a time with the failure shrunk (None)."""
        state: dict[str, Failure | None] = {"failure": None, "fatal": None}

        @hypothesis_calls
        def example(args: tuple) -> None:
            raise_held()  # a Ctrl-C or SIGTERM that landed inside hypothesis (judge.interrupts)
            if state["fatal"] is not None:
                raise _Stop()
            program = Program()
            prop.func(program, *args)
            self.examples += 1
            self.progress(Progress(prop.name, self.examples, shrinking=state["failure"] is not None))
            if ahead is not None:
                if not self.runs_alone(program):
                    ahead.add(program, wire_calls(program))
                    failure = ahead.failure
                else:
                    failure = ahead.finish() or self.run_program(program, prop)
                if failure is not None:
                    state["failure"] = failure
                    raise _Abort()
                return
            failure = self.run_program(program, prop)
            if failure is not None:
                state["failure"] = failure
                if failure.fatal:
                    state["fatal"] = failure
                raise _Stop()

        import hypothesis
        from hypothesis import given
        from hypothesis import strategies as st

        test = self._settings(prop)(hypothesis.seed(self.seed)(given(st.tuples(*prop.strategies))(example)))
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                test()
                if ahead is not None:
                    state["failure"] = ahead.finish()
        except (_Stop, _Abort):
            pass
        except hypothesis.errors.Flaky as exc:
            if state["failure"] is None:  # a failure we did not record cannot stand
                return Failure(Verdict.IE, f"property {prop.name} is flaky: {type(exc).__name__}", prop.name)
        except Exception as exc:  # noqa: BLE001 - the challenge's own code broke: the judge's fault, said so
            if state["failure"] is None:
                return Failure(Verdict.IE, f"property {prop.name} failed inside the judge: "
                               f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}",
                               prop.name)
        finally:
            raise_held()  # hypothesis has returned: what it held is raised, whatever it did meanwhile
        return state["fatal"] or state["failure"]

    def run_scaling(self, prop: Property) -> Failure | None:
        """One big program: the judge times the reference on it, then the worker runs it, and its reply
        must arrive within `ratio` times the reference's time (plus the wire's share)."""
        program = Program()
        prop.func(program, seeded_rng(self.seed, prop.name))
        calls = wire_calls(program)
        started = time.perf_counter()
        json.loads(json.dumps({"calls": calls}))
        wire_seconds = time.perf_counter() - started
        budget: dict[str, float] = {}

        def time_limit(ref_seconds: float) -> float:
            budget["reference"] = ref_seconds
            budget["allowed"] = prop.scaling_ratio * max(ref_seconds, 0.02) + 4 * wire_seconds + SCALING_ALLOWANCE_S
            return budget["allowed"]

        self.examples += 1
        failure = self.run_program(program, prop, time_limit=time_limit)
        if failure is not None and failure.verdict is Verdict.TLE and "a call took longer" in failure.message:
            failure.message = (f"{prop.name}: no answer within {budget['allowed']:.2f} s, {prop.scaling_ratio:g}x the "
                               f"reference's {budget['reference']:.3f} s on the same {_size(program)} "
                               "(wrong complexity?)")
            failure.counterexample = None
        return failure

    def run(self) -> tuple[Failure | None, list[dict]]:
        summary = []
        ordered = [p for p in self.properties if not p.is_scaling] + [p for p in self.properties if p.is_scaling]
        for prop in ordered:
            before = self.examples
            self.progress(Progress(prop.name, self.examples, scaling=prop.is_scaling))
            failure = self.run_property(prop)
            summary.append({"name": prop.name, "examples": self.examples - before,
                            "verdict": (failure.verdict if failure else Verdict.AC).value})
            if failure is not None:
                return failure, summary
        return None, summary


def judge_submission(challenge: Challenge, submission: Path, backend, *, seed: int,
                     max_examples: int | None = None, device: str = "cpu",
                     progress: Callable[[Progress], None] | None = None) -> Result:
    """Judge one file. Raises JudgeError for usage problems; every verdict comes back as a Result.

    The sandbox starts (and the submission imports) on a thread of its own while this one loads
    the challenge's trusted modules: a container's start-up is mostly waiting on the daemon.
    `progress`, when given, hears about each property and its examples as they run.
    """
    result = Result(verdict=Verdict.IE, challenge=challenge.id, seed=seed, sandbox=backend.name,
                    submission=str(submission))
    try:
        source = check_source(submission, challenge)
    except SourceRejected as exc:
        result.verdict, result.message, result.traceback = Verdict.CE, str(exc), exc.detail
        return result
    report = progress or (lambda state: None)
    report(Progress("starting the sandbox"))
    with sandbox_session(challenge, source, backend, device) as starting:
        try:
            judging = Judging(challenge, starting, seed, max_examples, report)
        except Exception:  # the challenge's own code broke: said once the sandbox is up, unless
            if check_ready(result, starting.wait()[1]):  # the submission did not even import
                raise
        else:
            try:
                _judge_in_session(result, judging)
            except _NotReady:
                check_ready(result, starting.wait()[1])  # the backend's own error is raised again here
            finally:
                judging.close()
        usage = starting.wait()[0].close()
        result.cpu_seconds, result.wall_seconds = usage.cpu_seconds, usage.wall_seconds
        result.peak_memory_mib = usage.peak_memory_mib
    release_memory()
    return result


_JUDGED = [0]  # judgments finished in this process


def release_memory() -> None:
    """Hand the run's freed memory back to the system. A scaling property can move hundreds of MiB
    through JSON; glibc keeps the freed pages, so a judge that runs many submissions (pytest,
    `judge check`, a batch) would otherwise grow by megabytes per run. Hypothesis caches the
    strategies it builds; those of this run's properties module can never be asked for again.
    A process's first judgment skips the full collection (about 0.1 s): a one-shot `judge run`
    exits right after it, and a long-lived judge collects after each later one."""
    _JUDGED[0] += 1
    if _JUDGED[0] == 1:
        return
    try:
        from hypothesis.strategies._internal.utils import clear_strategy_cache
    except ImportError:  # a hypothesis without it: the cache is bounded anyway
        pass
    else:
        clear_strategy_cache()
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc():
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim  # noqa: B018 - absent outside glibc (musl, macOS)
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _glibc()


_HYPOTHESIS_HOME: list[Path] = []


def hypothesis_home() -> Path:
    """Where hypothesis keeps what it writes (its cache of the constants in loaded modules, Unicode
    tables): a cache folder of the judge, never `.hypothesis/` in the folder `judge` runs from."""
    if not _HYPOTHESIS_HOME:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "judge" / "hypothesis"
        try:
            base.mkdir(parents=True, exist_ok=True)
            probe = base / f".probe-{os.getpid()}"
            probe.touch()
            probe.unlink()
        except OSError:  # a read-only home: a private folder for this process
            base = Path(tempfile.mkdtemp(prefix="judge-hypothesis-"))
        _HYPOTHESIS_HOME.append(base)
    return _HYPOTHESIS_HOME[0]


def _shrinks() -> bool:
    """Whether hypothesis' loaded profile shrinks failures (`judge check` drops it for mutants)."""
    from hypothesis import Phase, settings

    return Phase.shrink in settings.default.phases


def _configure_hypothesis() -> None:
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(hypothesis_home())


def _one_torch_thread() -> None:
    """The reference's tensors are small and the worker runs on the other core: torch's intra-op
    threads only contend with it (softmax on a 40x40 tensor took 4x longer with two threads on a
    busy 2-core machine). The worker gets OMP_NUM_THREADS=1 for the same reason."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def _judge_in_session(result: Result, judging: Judging) -> None:
    try:
        failure, result.properties = judging.run()
    finally:
        judging.close()
    result.examples = judging.examples
    if failure is None:
        result.verdict = Verdict.AC
        result.message = f"all {len(judging.properties)} properties hold over {judging.examples} examples"
        return
    result.adopt(failure)
