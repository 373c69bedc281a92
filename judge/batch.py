"""Many judgments at once: `judge run challenge ID A.py B.py ...` (or a folder) and `judge eval`.

`judge_many` judges a list of (challenge, file) items in `jobs` spawned processes and yields each
result as soon as it is ready, tagged with its input index. Every child process builds its plugin
manager, catalog and sandbox backend once (as `judge run` does for one file) and judges its items
one after another through `judge.runner.judge_submission`, the one per-judgment entry point; when
it ends, by any path, it calls the backend's `close()` (which removes a pre-started container).

Each of the `jobs` lanes is a `ProcessPoolExecutor` of one process. A child that dies breaks only
its own executor, which then names the one submission it was judging (IE for that item); the lane
gets a fresh process and the batch goes on. A submission that crashes or hangs is never a dead
child: the sandbox turns it into RE or TLE like any other verdict. A judgment that overruns a
generous deadline (the judge itself stuck) is stopped and reported as IE.

Ctrl-C (SIGINT to the process group) or SIGTERM (to the judge alone is enough: it is forwarded):
nothing more is started, every child stops its judgment and removes its sandbox, results already
yielded stay yielded, and the caller sees KeyboardInterrupt or `judge.interrupts.Terminated`.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from judge.backends import close_backend, open_backend, remove_leftovers, remove_leftovers_of
from judge.interrupts import Terminated, exception_for, in_gc_callback, on_signal
from judge.result import Result, Verdict

STOP_GRACE_S = 20.0  # how long a stopped child may take to remove its sandbox before it is killed
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@dataclass(frozen=True)
class Options:
    """How every item of a batch is judged: what `judge run challenge` takes for one file."""

    sandbox: str = "auto"
    seed: int = 1
    max_examples: int | None = None
    device: str = "cpu"
    runtime: str | None = None
    challenges_dirs: tuple[str, ...] = ()
    item_timeout: float | None = None  # None: from the challenge's limits (`judgment_deadline`)


@dataclass(frozen=True)
class Item:
    challenge: str
    path: Path


class Judged(NamedTuple):
    index: int  # the item's position in the input
    result: Result
    seconds: float  # the whole judgment, as the child measured it


def judgment_deadline(challenge) -> float:
    """Seconds after which a judgment is the judge's own hang, not the submission's: the sandbox
    ends a slow submission at the wall limit, and the judge's side (hypothesis, the reference)
    stays well within a few times that even on a loaded machine."""
    return 4 * challenge.limits.wall_seconds + 60


# -- the child side ---------------------------------------------------------------------------

class _ChildState:
    """One child process's judge, built on its first item and used for all of them."""

    def __init__(self) -> None:
        self.options: Options | None = None
        self.pm = self.catalog = self.backend = None
        self.challenges: dict[str, object] = {}
        self.busy = False  # inside a judgment: a signal raises there, so every `finally` runs
        self.signalled = 0  # the first SIGINT/SIGTERM; later ones are ignored (cleanup runs to the end)


_CHILD = _ChildState()


def _child_init(options: Options) -> None:
    """Runs first in every child. It starts with SIGINT and SIGTERM blocked (see `_Lane.submit`):
    a Ctrl-C during its imports is held until its own handlers are in place."""
    _CHILD.options = options
    for signum in _SIGNALS:
        signal.signal(signum, _child_signal)
    multiprocessing.util.Finalize(None, _child_close, exitpriority=100)  # any normal exit of the child
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


def _child_signal(signum, frame) -> None:
    if _CHILD.signalled:
        return
    if not _CHILD.busy:  # between items: take no new one; the parent shuts the pool down
        _CHILD.signalled = signum
        return
    # as the judge's own handler (KeyboardInterrupt / Terminated, redelivered out of a gc callback)
    if not in_gc_callback(frame):
        _CHILD.signalled = signum
    on_signal(signum, frame)


def _child_close() -> None:
    """Release what this child holds: the backend (a pre-started container included) and, as a
    last resort, whatever of its sandboxes is left (the backend's `remove_leftovers`)."""
    if _CHILD.backend is not None:
        close_backend(_CHILD.backend)
    remove_leftovers()


def _child_setup() -> None:
    from judge.catalog import Catalog, ChallengesDir
    from judge.plugins import make_plugin_manager

    options = _CHILD.options
    _CHILD.pm = make_plugin_manager(tuple(ChallengesDir(Path(d)) for d in options.challenges_dirs))
    _CHILD.catalog = Catalog(_CHILD.pm)
    _CHILD.backend, _ = open_backend(_CHILD.pm, options.sandbox, options.runtime)
    if hasattr(_CHILD.backend, "keep_spare"):
        _CHILD.backend.keep_spare = True  # the next container starts while this child judges


def _internal_error(challenge_id: str, path: str, message: str, detail: str | None = None) -> Result:
    options = _CHILD.options
    backend = getattr(_CHILD.backend, "name", None) or options.sandbox
    return Result(verdict=Verdict.IE, challenge=challenge_id, message=message, traceback=detail,
                  seed=options.seed, sandbox=backend, submission=path)


def _judge(challenge_id: str, path: str) -> Result:
    from judge.errors import JudgeError
    from judge.runner import judge_submission
    from judge.sandbox.session import BackendUnavailable

    options = _CHILD.options
    try:
        if _CHILD.backend is None:
            _child_setup()
        challenge = _CHILD.challenges.get(challenge_id)
        if challenge is None:
            challenge = _CHILD.challenges[challenge_id] = _CHILD.catalog.get(challenge_id)
        return judge_submission(challenge, Path(path), _CHILD.backend, seed=options.seed,
                                max_examples=options.max_examples, device=options.device)
    except (JudgeError, BackendUnavailable) as exc:
        return _internal_error(challenge_id, path, str(exc))
    except Exception as exc:  # noqa: BLE001 - the judge's own fault, for this item only
        text = str(exc).splitlines()[0][:300] if str(exc) else ""
        return _internal_error(challenge_id, path, f"internal error: {type(exc).__name__}: {text}",
                               traceback.format_exc()[-4000:])


def _judge_one(index: int, challenge_id: str, path: str) -> tuple:
    """One item, in a child: ("result", index, the result's JSON text, seconds) or ("interrupted",
    index, signum). Only plain values cross to the parent: the result as the documented JSON
    document, never a pickled object."""
    started = time.monotonic()
    try:
        _CHILD.busy = True
        if _CHILD.signalled:
            return ("interrupted", index, _CHILD.signalled)
        result = _judge(challenge_id, path)
    except (KeyboardInterrupt, Terminated):
        _CHILD.busy = False  # from here on a signal is only noted: the cleanup runs to its end
        _child_close()
        return ("interrupted", index, _CHILD.signalled or signal.SIGINT)
    finally:
        _CHILD.busy = False
    return ("result", index, json.dumps(result.to_dict()), time.monotonic() - started)


# -- the parent side --------------------------------------------------------------------------


def _exit_text(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class _Lane:
    """One child process (an executor of one) and the item it is judging."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.executor: cf.ProcessPoolExecutor | None = None
        self.process: multiprocessing.Process | None = None  # the executor's one process
        self.pids: set[int] = set()  # every process this lane ever had (containers carry the pid)
        self.future: cf.Future | None = None
        self.index = -1
        self.started = self.deadline = 0.0
        self.stop_sent: float | None = None  # when the watchdog asked the child to stop

    def submit(self, index: int, item: Item, timeout: float) -> None:
        if self.executor is None:
            self.executor = cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                   initializer=_child_init, initargs=(self.options,))
        # The child inherits this thread's signal mask: blocked, a Ctrl-C that lands during its
        # start-up waits for its handlers instead of killing it mid-import with a traceback.
        saved = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            self.future = self.executor.submit(_judge_one, index, item.challenge, str(item.path))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, saved)
        for pid, process in (getattr(self.executor, "_processes", None) or {}).items():
            self.process = process
            self.pids.add(pid)
        self.index, self.stop_sent = index, None
        self.started = time.monotonic()
        self.deadline = self.started + timeout

    def signal(self, signum: int) -> None:
        process = self.process
        if process is not None and process.exitcode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(process.pid, signum)

    def watch(self) -> float:
        """The watchdog: SIGTERM at the deadline, SIGKILL a grace period later. Returns when to look again."""
        now = time.monotonic()
        if self.stop_sent is None:
            if now < self.deadline:
                return self.deadline
            self.stop_sent = now
            self.signal(signal.SIGTERM)
        if now >= self.stop_sent + STOP_GRACE_S:
            self.signal(signal.SIGKILL)
            return now + 1.0
        return self.stop_sent + STOP_GRACE_S

    def collect(self, item: Item, options: Options) -> Judged:
        """The finished item's result; raises KeyboardInterrupt/Terminated when the child was
        interrupted by anyone but the watchdog."""
        future, self.future = self.future, None
        try:
            reply = future.result()
        except cf.BrokenExecutor:
            reply = ("died",)
        except (KeyboardInterrupt, Terminated) as exc:  # a signal that reached the child outside its judgment
            reply = ("interrupted", self.index, signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)
        except Exception as exc:  # noqa: BLE001 - a reply that could not be sent
            reply = ("error", f"{type(exc).__name__}: {exc}")
        overran = self.stop_sent is not None
        if overran or reply[0] == "died":
            self.discard()  # a child the watchdog signalled takes no further item
        if reply[0] == "result":
            return Judged(self.index, Result.from_dict(json.loads(reply[2])), reply[3])
        if reply[0] == "interrupted" and not overran:
            raise exception_for(reply[2])
        if overran:
            message = (f"the judgment took longer than {self.deadline - self.started:g} s and was stopped "
                       "(the judge itself was stuck)")
        elif reply[0] == "died":
            code = self.process.exitcode if self.process is not None else None
            message = f"the judging process died while judging this submission ({_exit_text(code)})"
        else:
            message = f"internal error: {reply[1]}"
        result = Result(verdict=Verdict.IE, challenge=item.challenge, message=message, seed=options.seed,
                        sandbox=options.sandbox, submission=str(item.path))
        return Judged(self.index, result, time.monotonic() - self.started)

    def discard(self) -> None:
        """Let go of this executor (its process is gone, or will take no more items); the next
        item gets a fresh process."""
        executor, self.executor = self.executor, None
        if self.process is not None:
            self.process.join(5 if self.process.exitcode is None and self.stop_sent is None else 0)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _signals_held():
    """While the batch stops, a second Ctrl-C must not cut the stopping short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    for signum in _SIGNALS:
        signal.signal(signum, lambda *_: None)
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def _stop(lanes: list[_Lane]) -> None:
    """Abnormal end (a signal, the consumer gone, a bug): every busy child stops its judgment and
    removes its sandbox; one that does not within STOP_GRACE_S is killed (and swept after)."""
    with _signals_held():
        busy = [lane for lane in lanes if lane.future is not None]
        for lane in lanes:  # an idle child only notes it; one the group's Ctrl-C reached ignores it
            lane.signal(signal.SIGTERM)
        cf.wait([lane.future for lane in busy], timeout=STOP_GRACE_S)
        for lane in busy:
            if not lane.future.done():
                lane.signal(signal.SIGKILL)
        for lane in lanes:
            lane.shutdown()


def _timeouts(items: list[Item], options: Options) -> dict[str, float]:
    ids = {item.challenge for item in items}
    if options.item_timeout is not None:
        return dict.fromkeys(ids, options.item_timeout)
    from judge.catalog import Catalog, ChallengesDir
    from judge.errors import JudgeError
    from judge.plugins import make_plugin_manager

    catalog = Catalog(make_plugin_manager(tuple(ChallengesDir(Path(d)) for d in options.challenges_dirs)))
    timeouts = {}
    for cid in ids:
        try:
            timeouts[cid] = judgment_deadline(catalog.get(cid))
        except JudgeError:  # the child reports it as that item's IE
            timeouts[cid] = 60.0
    return timeouts


def default_jobs() -> int:
    return os.cpu_count() or 1


def judge_many(items: Iterable[Item], options: Options, jobs: int | None = None) -> Iterator[Judged]:
    """Judge every item in up to `jobs` processes (default: one per core); yield each result as
    it finishes (completion order, tagged with its input index). Close the iterator (or use
    `contextlib.closing`) when stopping early, so that the children are stopped at once."""
    items = list(items)
    if not items:
        return
    jobs = max(1, min(jobs or default_jobs(), len(items)))
    timeouts = _timeouts(items, options)
    lanes = [_Lane(options) for _ in range(jobs)]
    pending = deque(range(len(items)))
    finished = False
    try:
        while True:
            for lane in lanes:
                if lane.future is None and pending:
                    index = pending.popleft()
                    lane.submit(index, items[index], timeouts[items[index].challenge])
            busy = [lane for lane in lanes if lane.future is not None]
            if not busy:
                break
            wake = min(lane.watch() for lane in busy)
            cf.wait([lane.future for lane in busy], timeout=max(0.05, wake - time.monotonic()),
                    return_when=cf.FIRST_COMPLETED)
            for lane in busy:
                if lane.future.done():
                    yield lane.collect(items[lane.index], options)
        finished = True
    finally:
        if not finished:
            _stop(lanes)
        for lane in lanes:
            lane.shutdown()
        from judge.plugins import make_plugin_manager

        # whatever a killed child could not remove itself
        remove_leftovers_of(make_plugin_manager(), options.sandbox, (pid for lane in lanes for pid in lane.pids))


# -- `judge run challenge ID A.py B.py ...` ---------------------------------------------------

def expand_submissions(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to judge (a folder stands for every *.py in it, sorted) and the entries skipped.
    JudgeError for a path that does not exist or a folder without a .py file."""
    from judge.errors import JudgeError

    files, skipped = [], []
    for path in paths:
        if path.is_dir():
            entries = sorted(path.iterdir())
            found = [entry for entry in entries if entry.suffix == ".py" and entry.is_file()]
            if not found:
                raise JudgeError(f"{path} is a directory with no .py file in it")
            files += found
            skipped += [entry for entry in entries if entry not in found]
        elif path.exists():
            files.append(path)
        else:
            raise JudgeError(f"{path}: no such file")
    return files, skipped


class _Table:
    """The text summary: a header, then one row per result as it arrives (file, verdict, time, why)."""

    def __init__(self, files: list[Path]) -> None:
        import shutil

        self.tty = sys.stdout.isatty()
        self.file_width = max(4, *(len(str(f)) for f in files))
        columns = shutil.get_terminal_size().columns if self.tty else 0
        self.why_width = max(20, columns - self.file_width - 20) if self.tty else 160
        self.row("FILE", "VERDICT", "TIME", "WHY")

    def row(self, file: str, verdict: str, time_text: str, why: str) -> None:
        why = why.splitlines()[0] if why else ""
        if len(why) > self.why_width:
            why = why[: self.why_width - 3] + "..."
        print(f"{file:<{self.file_width}}  {verdict:<7}  {time_text:>7}  {why}".rstrip(), flush=True)

    def add(self, judged: Judged) -> None:
        result = judged.result
        self.row(result.submission, result.verdict.value, f"{judged.seconds:.1f} s", result.message)


def summary_line(results: list[Result]) -> str:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.verdict.value] = counts.get(result.verdict.value, 0) + 1
    order = [v.value for v in Verdict]
    parts = ", ".join(f"{counts[v]} {v}" for v in order if v in counts)
    return f"{len(results)} submissions: {parts}"


def command_run_many(args, pm, challenge, fmt: str, render) -> int:
    """`judge run challenge ID FILE FILE ...` / `ID DIR`, once `cmd_run` has checked the challenge
    and the format: exit 0 when all are AC, 1 when any is rejected, 2 when any judgment failed
    inside the judge (IE), as for one file."""

    from judge.errors import JudgeError

    if args.jobs is not None and args.jobs < 1:
        raise JudgeError("--jobs must be at least 1")
    files, skipped = expand_submissions(args.file)
    backend, notice = open_backend(pm, args.sandbox, args.runtime)  # a usage error here, not per item
    close_backend(backend)
    for entry in skipped:
        print(f"judge: skipped {entry} (not a .py file)", file=sys.stderr)
    if notice:
        print(f"judge: note: {notice}", file=sys.stderr)
    options = Options(sandbox=args.sandbox, seed=args.seed, max_examples=args.max_examples, device=args.device,
                      runtime=args.runtime, challenges_dirs=tuple(str(Path(d).resolve()) for d in args.challenges_dir))
    results: list[Result | None] = [None] * len(files)
    table = _Table(files) if fmt == "text" else None
    with contextlib.closing(judge_many([Item(challenge.id, f) for f in files], options, args.jobs)) as stream:
        for judged in stream:
            results[judged.index] = judged.result
            if fmt == "json":  # JSON Lines, each document as soon as it is known
                print(json.dumps(judged.result.to_dict(), ensure_ascii=False), flush=True)
            elif table is not None:
                table.add(judged)
    done = [r for r in results if r is not None]
    if getattr(args, "junit", None) is not None:
        from judge.junit import render_results

        args.junit.write_text(render_results(done), encoding="utf-8")
    if table is not None:
        print(summary_line(done))
    elif fmt != "json":
        print(render(done))
    failed = sum(r.verdict is Verdict.IE for r in done)
    if failed:
        print(f"judge: error: {failed} of {len(done)} judgments failed inside the judge (IE)", file=sys.stderr)
        return 2
    return 0 if all(r.accepted for r in done) else 1
