"""Starting a judgment's sandbox: its job folder, the worker started on a thread of its own (the
judge generates examples meanwhile), and the worker's answer to the hello (did the submission import?)."""
from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from judge.challenge import Challenge
from judge.result import Finding, Result, Verdict
from judge.sandbox.session import Job, SandboxFailure, StreamSession


_HANDOFF = {"starting": 0, "saved": 0.005}
_HANDOFF_LOCK = threading.Lock()


@contextlib.contextmanager
def _quick_handoff():
    """While a sandbox starts, the interpreter switches threads every 0.5 ms instead of 5 ms. The
    start is a few dozen short waits on the Docker daemon, and after each one the starting thread
    queues for the GIL while hypothesis generates examples on the main thread: at 5 ms a turn, a
    0.3 s container start took 0.5 s and more."""
    with _HANDOFF_LOCK:
        if _HANDOFF["starting"] == 0:
            _HANDOFF["saved"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_HANDOFF["saved"], 0.0005))
        _HANDOFF["starting"] += 1
    try:
        yield
    finally:
        with _HANDOFF_LOCK:
            _HANDOFF["starting"] -= 1
            if _HANDOFF["starting"] == 0:
                sys.setswitchinterval(_HANDOFF["saved"])


class SandboxStart:
    """`backend.open(job)` and the hello on a thread of their own; `wait()` returns the session and
    the worker's answer to the hello (or the SandboxFailure that stood for it)."""

    def __init__(self, backend, job: Job, hello: dict) -> None:
        self.session: StreamSession | None = None
        self._ready: dict | SandboxFailure | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, args=(backend, job, hello), name="sandbox-start",
                                        daemon=True)
        self._thread.start()

    def _start(self, backend, job: Job, hello: dict) -> None:
        try:
            with _quick_handoff():
                self.session = backend.open(job)
                try:
                    self._ready = self.session.start(hello)
                except SandboxFailure as exc:
                    self._ready = exc
        except BaseException as exc:  # noqa: BLE001 - handed to the judging thread by wait()
            self._error = exc

    def done(self) -> bool:
        """Whether `wait` would return at once."""
        return not self._thread.is_alive()

    def wait(self) -> tuple[StreamSession, dict | SandboxFailure]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.session, self._ready

    def abandon(self) -> None:
        """The judge is leaving (an error, Ctrl-C): wait for the start to finish and release it."""
        self._thread.join()
        if self.session is not None:
            self.session.close()


@contextlib.contextmanager
def sandbox_session(challenge: Challenge, source: bytes, backend, device: str):
    """Starts a worker in a sandbox whose read-only job folder holds the submission (and support.py)
    only; yields the SandboxStart. The session is closed by whoever waited for it, else here."""
    workdir = Path(tempfile.mkdtemp(prefix="judge-job-"))
    starting = None
    try:
        (workdir / "submission.py").write_bytes(source)
        if challenge.support_path:
            shutil.copyfile(challenge.support_path, workdir / "support.py")
        job = Job(workdir=workdir, limits=challenge.limits, profile=_profile(challenge, device), device=device)
        base = getattr(backend, "job_path", None) or str(workdir)
        hello = {"submission": f"{base}/submission.py", "support": f"{base}/support.py" if challenge.support_path else None,
                 "names": list(challenge.interface), "torch": challenge.runtime != "python", "device": device}
        starting = SandboxStart(backend, job, hello)
        yield starting
    finally:
        if starting is not None:
            starting.abandon()  # closing twice is harmless: a no-op when the judge closed it
        shutil.rmtree(workdir, ignore_errors=True)


def _profile(challenge: Challenge, device: str) -> str:
    if challenge.runtime == "python":
        return "python"
    return "torch-gpu" if device == "cuda" else "torch"


def check_ready(result: Result, ready: dict | SandboxFailure) -> bool:
    """The worker's answer to the hello: True when the submission imported and defines the
    interface, else the result says why (see import_problem)."""
    problem = import_problem(ready)
    if problem is not None:
        result.adopt(problem)
    return problem is None


def import_problem(ready: dict | SandboxFailure) -> Finding | None:
    """What is wrong with the worker's answer to the hello, if anything: CE for syntax/import
    errors and missing names, RE for anything else."""
    if isinstance(ready, SandboxFailure):
        return Finding(ready.verdict, f"while importing the submission: {ready.message}", traceback=ready.detail or None)
    if ready.get("op") == "import_error":
        error = ready.get("error") if type(ready.get("error")) is dict else {}
        kind = str(error.get("type", "?"))
        compile_like = kind in ("builtins.SyntaxError", "builtins.ImportError", "builtins.ModuleNotFoundError",
                                "builtins.IndentationError", "builtins.TabError")
        message = f"the submission failed to import: {kind.removeprefix('builtins.')}: {str(error.get('message', ''))[:300]}"
        return Finding(Verdict.CE if compile_like else Verdict.RE, message,
                       traceback=str(error.get("traceback", ""))[-4000:] or None)
    missing = ready.get("missing")
    if type(missing) is not list:
        return Finding(Verdict.RE, "the worker sent a malformed reply")
    if missing:
        names = ", ".join(str(m) for m in missing[:10] if type(m) is str)
        return Finding(Verdict.CE, f"the submission does not define {names}")
    return None
