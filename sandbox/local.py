"""Local process sandbox: the embedded default where no Docker engine answers.

Weaker than Docker and says so: the worker is a child process with rlimits (CPU, data segment,
file size, open files, processes), its own session, no network namespace peers when the kernel
lets us create one, and, when the judge runs as root, the unprivileged uid 65534. It shares the
host's filesystem view (read-only for nobody where permissions say so); see SECURITY notes.
"""
from __future__ import annotations

import ctypes
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pluggy

from sandbox.session import BackendUnavailable, Job, SandboxFailure, StreamSession

hookimpl = pluggy.HookimplMarker("judge")

WORKER = Path(__file__).with_name("worker.py")
NOBODY = 65534
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
_CLK_TCK = os.sysconf("SC_CLK_TCK")


def _unshare(flags: int) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.unshare(flags) == 0


class LocalSession(StreamSession):
    backend_name = "local"

    def __init__(self, job: Job) -> None:
        super().__init__(job)
        if job.device == "cuda":
            _require_local_cuda()
        self._scratch = Path(tempfile.mkdtemp(prefix="judge-local-"))
        self._killed = False
        as_root = os.geteuid() == 0 and _nobody_can_run_python()
        if as_root:
            os.chown(self._scratch, NOBODY, NOBODY)
            os.chmod(job.workdir, 0o755)
            for child in job.workdir.iterdir():
                os.chmod(child, 0o644)
        limits = job.limits
        cpu = max(1, math.ceil(limits.cpu_seconds))
        memory = limits.memory_mib * 2**20

        def preexec() -> None:  # runs in the child, before exec
            os.setsid()
            _unshare(CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
            resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 2**20, 16 * 2**20))
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if as_root:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
                resource.setrlimit(resource.RLIMIT_NPROC, (limits.pids * 4, limits.pids * 4))

        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(self._scratch), "TMPDIR": str(self._scratch),
               "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "-I", "-B", str(WORKER)], cwd=self._scratch, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec)
        self._readers = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.feed_stdout), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, self.feed_stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _pump(self, stream, feed) -> None:
        try:
            while chunk := stream.read1(1 << 16):
                feed(chunk)
        except (OSError, ValueError):
            pass
        if feed == self.feed_stdout:
            self.feed_eof()

    def _send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _kill(self) -> None:
        if self.proc.returncode is None:
            self._killed = True
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._reap()

    def _reap(self) -> None:
        if self.proc.returncode is not None:
            return
        try:
            _, status, rusage = os.wait4(self.proc.pid, 0)
        except ChildProcessError:
            self.proc.returncode = self.proc.returncode if self.proc.returncode is not None else -9
            return
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.usage.cpu_seconds = max(self.usage.cpu_seconds, rusage.ru_utime + rusage.ru_stime)
        self.usage.peak_memory_mib = max(self.usage.peak_memory_mib or 0.0, rusage.ru_maxrss / 1024)

    def _measure(self) -> None:
        if self.proc.returncode is not None:
            return
        try:
            stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            self.usage.cpu_seconds = (int(fields[11]) + int(fields[12])) / _CLK_TCK
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.usage.peak_memory_mib = int(line.split()[1]) / 1024
        except (OSError, IndexError, ValueError):
            pass

    def _exit_failure(self) -> SandboxFailure:
        self._reap()
        code = self.proc.returncode
        limits = self.job.limits
        if code in (-signal.SIGXCPU, -signal.SIGKILL) and self.usage.cpu_seconds >= limits.cpu_seconds - 0.05:
            return SandboxFailure("TLE", f"CPU time limit of {limits.cpu_seconds:g} s exceeded")
        if (self.usage.peak_memory_mib or 0) >= limits.memory_mib * 0.95:
            return SandboxFailure("MLE", f"memory limit of {limits.memory_mib} MiB exceeded")
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            return SandboxFailure("RE", f"the worker was killed by {name}", self.stderr_tail)
        return SandboxFailure("RE", f"the worker exited with code {code} before answering", self.stderr_tail)

    def _cleanup(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
        for reader in self._readers:
            reader.join(timeout=2)
        shutil.rmtree(self._scratch, ignore_errors=True)


def _nobody_can_run_python() -> bool:
    """Dropping to uid 65534 only works when that user can reach the interpreter and its stdlib."""
    for target in (Path(sys.executable).resolve(), Path(os.__file__).resolve(), WORKER.resolve()):
        for folder in target.parents:
            if not folder.stat().st_mode & 0o001:
                return False
    return True


def _require_local_cuda() -> None:
    try:
        import torch
    except ImportError:
        raise BackendUnavailable("--device cuda needs torch in the judge's Python environment") from None
    if not torch.cuda.is_available():
        raise BackendUnavailable("--device cuda: no CUDA GPU is visible to this machine")


class LocalBackend:
    name = "local"
    notice = "local process sandbox: rlimits and a private network namespace only, weaker isolation than Docker"

    def available(self) -> bool:
        return True

    def open(self, job: Job) -> LocalSession:
        return LocalSession(job)


@hookimpl
def judge_sandbox_backends():
    return [LocalBackend()]
