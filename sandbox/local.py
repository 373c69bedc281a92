"""Local process sandbox: the embedded default where no Docker engine answers.

Weaker than Docker and says so: the worker is a child process with rlimits (CPU, data segment,
file size, open files, processes), its own session, no network namespace peers when the kernel
lets us create one, and, when the judge runs as root, an unprivileged uid of its own (one per run,
so that two workers can neither signal each other nor share a process count) in a mount
namespace where its scratch folder is a bounded tmpfs and the host's shared folders are
read-only. It shares the host's filesystem view for reading; see SECURITY.md.
"""
from __future__ import annotations

import ctypes
import math
import os
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterable

import pluggy

from judge.sandbox.cgroups import PidsCgroup
from judge.sandbox.session import BackendUnavailable, Job, SandboxFailure, StreamSession
from judge.sandbox.verdict import Verdict

hookimpl = pluggy.HookimplMarker("judge")

WORKER = Path(__file__).with_name("worker.py")  # it imports protocol.py from beside it, as in the images
# Per-run uids come from a range no distribution hands out (system and login users sit far below,
# subordinate-uid ranges start at 100000 and are 65536 wide per user).
SANDBOX_UID_BASE = 0x70000000
SANDBOX_UID_SPAN = 0x0FFFFFFF
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
SCRATCH_MIB = 64  # as Docker's /tmp tmpfs
# Folders any uid may write to on a Debian host; the worker sees them read-only.
SHARED_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
_LIBC = ctypes.CDLL(None, use_errno=True)  # loaded here, not in the forked child
_CLK_TCK = os.sysconf("SC_CLK_TCK")


def _unshare(flags: int) -> bool:
    return _LIBC.unshare(flags) == 0


def _private_scratch(scratch: str, uid: int) -> bool:
    """In a new mount namespace (root only): the scratch folder becomes a tmpfs of SCRATCH_MIB
    owned by the worker, and the host's world-writable folders read-only, so the submission can
    neither fill the host's disk nor leave files behind. Runs in the child before exec."""
    def mount(source: bytes | None, target: str, fstype: bytes | None, flags: int, data: bytes | None = None) -> bool:
        return _LIBC.mount(source, target.encode(), fstype, flags, data) == 0

    if not _unshare(CLONE_NEWNS) or not mount(b"none", "/", None, MS_REC | MS_PRIVATE):
        return False
    options = f"size={SCRATCH_MIB}m,mode=0700,uid={uid},gid={uid}".encode()
    if not mount(b"tmpfs", scratch, b"tmpfs", MS_NOSUID | MS_NODEV, options):
        return False
    for folder in SHARED_WRITABLE:
        if os.path.isdir(folder) and mount(folder.encode(), folder, None, MS_BIND | MS_REC):
            # a remount changes only the top mount: the scratch tmpfs below /tmp stays writable
            mount(None, folder, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(scratch)
    return True


class LocalSession(StreamSession):
    def __init__(self, job: Job) -> None:
        super().__init__(job)
        if job.device == "cuda":
            _require_local_cuda()
        self._scratch = Path(tempfile.mkdtemp(prefix="judge-local-"))
        self._killed = False
        # A fork starts with the parent's resident size as its high-water mark, and the kernel keeps
        # that mark across exec: wait4's ru_maxrss below it says nothing about the worker.
        self._inherited_rss_mib = own_rss_mib()
        as_root = os.geteuid() == 0
        self.uid = SANDBOX_UID_BASE + secrets.randbelow(SANDBOX_UID_SPAN) if as_root else os.geteuid()
        if as_root:  # the worker runs as its own uid: it must reach its files, and own its scratch folder
            os.chown(self._scratch, self.uid, self.uid)
            os.chmod(job.workdir, 0o755)
            for child in job.workdir.iterdir():
                os.chmod(child, 0o644)
        limits = job.limits
        cpu = max(1, math.ceil(limits.cpu_seconds))
        memory = limits.memory_mib * 2**20
        self._cgroup = PidsCgroup.create(limits.pids) if as_root else None
        cgroup_procs = self._cgroup.procs_file if self._cgroup else None
        scratch = str(self._scratch)

        def preexec() -> None:  # runs in the child, before exec
            os.setsid()
            if cgroup_procs is not None:
                with open(cgroup_procs, "w") as handle:  # this process and all it forks
                    handle.write("0")
            _unshare(CLONE_NEWNET if as_root else CLONE_NEWUSER | CLONE_NEWNET)
            if as_root:
                _private_scratch(scratch, self.uid)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
            resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 2**20, 16 * 2**20))
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if as_root:
                resource.setrlimit(resource.RLIMIT_NPROC, (limits.pids * 4, limits.pids * 4))

        argv = [sys.executable, "-I", "-B", str(WORKER)] + (["--preload-torch"] if job.profile.startswith("torch") else [])
        if as_root:
            argv = _drop_privileges(self.uid) + argv
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(self._scratch), "TMPDIR": str(self._scratch),
               "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8",
               "USER": "sandbox", "LOGNAME": "sandbox"}  # the uid has no passwd entry: getpass asks these
        self.proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            argv, cwd=self._scratch, env=env,
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
        if self._cgroup is not None:  # descendants that left the process group (setsid, double fork)
            self._cgroup.kill_all()

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
        if rusage.ru_maxrss / 1024 > self._inherited_rss_mib + 1:
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
        if code == -signal.SIGXCPU or (code == -signal.SIGKILL and self.usage.cpu_seconds >= limits.cpu_seconds - 0.05):
            # only RLIMIT_CPU sends SIGXCPU (the clock it counts is coarser than rusage's)
            return SandboxFailure(Verdict.TLE, f"CPU time limit of {limits.cpu_seconds:g} s exceeded")
        if (self.usage.peak_memory_mib or 0) >= limits.memory_mib * 0.95:
            return SandboxFailure(Verdict.MLE, f"memory limit of {limits.memory_mib} MiB exceeded")
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            return SandboxFailure(Verdict.RE, f"the worker was killed by {name}", self.stderr_tail)
        return SandboxFailure(Verdict.RE, f"the worker exited with code {code} before answering", self.stderr_tail)

    def _cleanup(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
        for reader in self._readers:
            reader.join(timeout=2)
        shutil.rmtree(self._scratch, ignore_errors=True)
        if self._cgroup is not None:
            self._cgroup.remove()


def own_rss_mib() -> float:
    """This process's resident size now: what a worker forked from it starts with as its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _drop_privileges(uid: int) -> list[str]:
    """argv prefix that runs the worker as uid/gid `uid` (util-linux setpriv, present on every Debian).

    When an unknown user cannot reach the interpreter (say it lives under /root), it keeps one
    ambient capability, CAP_DAC_READ_SEARCH: it may read and traverse, never write, signal or setuid.
    """
    setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
    prefix = [setpriv, "--reuid", str(uid), "--regid", str(uid), "--clear-groups"]
    if not _others_can_run_python():
        prefix += ["--inh-caps", "+dac_read_search", "--ambient-caps", "+dac_read_search"]
    return prefix + ["--"]


def _others_can_run_python() -> bool:
    """Dropping to an unknown uid only works when others may reach the interpreter and its stdlib."""
    for target in (Path(sys.executable).resolve(), Path(os.__file__).resolve(), WORKER.resolve()):
        for folder in target.parents:
            if not folder.stat().st_mode & 0o001:
                return False
    return True


_PRIVATE_SCRATCH: bool | None = None


def private_scratch_supported() -> bool:
    """Whether this host lets the judge give workers a private tmpfs scratch (root, and a kernel or
    container that allows a mount namespace); probed once with a throwaway child."""
    global _PRIVATE_SCRATCH
    if _PRIVATE_SCRATCH is None:
        _PRIVATE_SCRATCH = False
        if os.geteuid() == 0:
            folder = tempfile.mkdtemp(prefix="judge-probe-")

            def preexec() -> None:
                if not _private_scratch(folder, 0):
                    raise OSError("no private scratch")

            try:
                _PRIVATE_SCRATCH = subprocess.run(["true"], preexec_fn=preexec, check=False).returncode == 0  # noqa: S603,S607
            except (OSError, subprocess.SubprocessError):
                pass
            finally:
                os.rmdir(folder)
    return _PRIVATE_SCRATCH


def _require_local_cuda() -> None:
    try:
        import torch
    except ImportError:
        raise BackendUnavailable("--device cuda needs torch in the judge's Python environment") from None
    if not torch.cuda.is_available():
        raise BackendUnavailable("--device cuda: no CUDA GPU is visible to this machine")


class LocalBackend:
    """Always available, weaker isolation: `--sandbox auto` uses it when no stronger backend answers.
    See judge.backends.SandboxBackend."""

    name = "local"
    auto_rank = 100
    job_path = None  # the worker reads the job folder at its host path
    why_unavailable = ""  # never unavailable
    keep_spare = False  # nothing to start ahead: a process starts in milliseconds

    @property
    def runtime(self) -> None:
        """A child process runs under no OCI runtime: read-only, so `--runtime` is refused."""
        return None

    @property
    def notice(self) -> str:
        private = f", a private {SCRATCH_MIB} MiB scratch" if private_scratch_supported() else ""
        return f"local process sandbox: rlimits, a private network namespace{private} only, weaker isolation than Docker"

    def available(self) -> bool:
        return True

    def open(self, job: Job) -> LocalSession:
        return LocalSession(job)

    def close(self) -> None:
        """Nothing is held between jobs."""

    def remove_leftovers(self, pids: Iterable[int] | None = None) -> None:
        """Nothing to do: each session's own clean-up kills its workers, also on Ctrl-C, and a
        killed judge's workers die with their session (setsid, the pids cgroup) or by RLIMIT_CPU."""

    def set_extra_labels(self, labels: dict[str, str]) -> None:
        """A worker process carries no labels: nothing outlives its judge to be told apart by them."""

    def remove_stale(self, needed) -> int:
        """None to remove, for the reasons remove_leftovers gives."""
        return 0


@hookimpl
def judge_sandbox_backends():
    return [LocalBackend()]
