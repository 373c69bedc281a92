"""Docker sandbox: one hardened, network-less container per worker (docker-py, no CLI).

The container runs `python3 -I -B /opt/judge/worker.py` from a judge-built image (see
`sandbox.images`), as uid 65534 with a read-only root, no capabilities, no network, a 64 MiB
noexec /tmp, memory = memory+swap, a pids limit, one CPU and rlimits (see `container_config`).
The job folder is bind-mounted read-only at `/job`. The judge talks to the worker over the
container's attached stdin/stdout (Docker multiplexes stdout and stderr into one socket with
8-byte frame headers); resource evidence comes from the container's state (OOMKilled, exit
code) and its cgroup files on the host, sampled while it runs (the cgroup vanishes at exit).
"""
from __future__ import annotations

import atexit
import math
import os
import secrets
import shutil
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Iterable

import pluggy

from judge.sandbox.cgroups import ContainerCgroups
from judge.sandbox.session import BackendUnavailable, Job, SandboxFailure, StreamSession
from judge.sandbox.verdict import Verdict

hookimpl = pluggy.HookimplMarker("judge")

JOB_PATH = "/job"
WORKER_PATH = "/opt/judge/worker.py"
LABEL = "judge.sandbox"
PID_LABEL = "judge.pid"
INSTANCE_LABEL = "judge.instance"  # random per judge process: what "our own containers" means
HOST_LABEL = "judge.host"  # the boot id of the judge's host
PIDNS_LABEL = "judge.pidns"  # the judge's PID namespace: its PID means something only there
START_LABEL = "judge.pid-start"  # the judge process's start time: a reused PID is not the judge
EXPIRES_LABEL = "judge.expires"  # epoch seconds after which any judge may remove the container
EXPIRY_MARGIN_SECONDS = 120
LEGACY_AGE_SECONDS = 3600  # containers of judges from before these labels
_INSTANCE = {"pid": 0, "id": ""}
# Labels for the containers this process starts: judge serve's workers put the judgment id, its
# attempt and the host here (set_extra_labels), so a leftover can be told from a live attempt's.
EXTRA_LABELS: dict[str, str] = {}


def judge_instance() -> str:
    """A random id of this judge process, made anew in a forked child (which has a PID of its own)."""
    if _INSTANCE["pid"] != os.getpid():
        _INSTANCE.update(pid=os.getpid(), id=secrets.token_hex(8))
    return _INSTANCE["id"]
NOBODY = "65534:65534"
SAMPLE_SECONDS = 0.1
_FRAME = struct.Struct(">BxxxL")  # Docker attach stream header: stream id, 3 pad bytes, length


def container_config(job: Job, image: str, runtime: str | None = None) -> dict:
    """The keyword arguments for `client.containers.create`: every hardening setting in one place."""
    from docker.types import DeviceRequest, LogConfig, Ulimit

    from judge.sandbox.seccomp import profile_text as seccomp_profile

    limits = job.limits
    cpu = max(1, math.ceil(limits.cpu_seconds))
    memory = f"{int(limits.memory_mib)}m"
    environment = {"HOME": "/tmp", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
    if job.profile.startswith("torch"):
        environment["TORCHINDUCTOR_CACHE_DIR"] = "/tmp/inductor"
    config = {
        "image": image,
        "command": ["python3", "-I", "-B", WORKER_PATH] + (["--preload-torch"] if job.profile.startswith("torch") else []),
        "user": NOBODY,
        "working_dir": "/tmp",
        "environment": environment,
        "volumes": {str(Path(job.workdir).resolve()): {"bind": JOB_PATH, "mode": "ro"}},
        "network_mode": "none",
        "read_only": True,
        "tmpfs": {"/tmp": "rw,noexec,nosuid,nodev,size=64m"},
        "cap_drop": ["ALL"],
        # Docker's default seccomp profile, tightened: no ptrace, bpf, perf_event_open, ... (sandbox/seccomp.py)
        "security_opt": ["no-new-privileges:true", f"seccomp={seccomp_profile()}"],
        "pids_limit": limits.pids,
        "mem_limit": memory,
        "memswap_limit": memory,  # equal: no swap
        "nano_cpus": 1_000_000_000,
        "ulimits": [
            Ulimit(name="nofile", soft=256, hard=256),
            Ulimit(name="fsize", soft=16 << 20, hard=16 << 20),
            Ulimit(name="core", soft=0, hard=0),
            Ulimit(name="stack", soft=64 << 20, hard=64 << 20),
            Ulimit(name="cpu", soft=cpu, hard=cpu + 1),  # SIGXCPU at soft, SIGKILL at hard
        ],
        "ipc_mode": "private",
        "shm_size": "64m",
        "init": True,  # docker-init reaps zombies; a child killed by signal N exits 128+N
        "auto_remove": False,  # the exit code and OOMKilled are read after exit
        "log_config": LogConfig(type="json-file", config={"max-size": "1m", "max-file": "1"}),
        "labels": {LABEL: "1", **judge_identity(), **EXTRA_LABELS,
                   EXPIRES_LABEL: f"{time.time() + 2 * limits.wall_seconds + EXPIRY_MARGIN_SECONDS:.0f}"},
        "stdin_open": True,
        "detach": False,  # with stdin_open: StdinOnce, so if the judge dies the worker sees EOF and exits
        "tty": False,
    }
    if runtime:
        config["runtime"] = runtime  # e.g. "runsc": gVisor, a user-space kernel between the worker and the host
    if job.profile == "torch-gpu" or job.device.startswith("cuda"):
        config["device_requests"] = [DeviceRequest(count=-1, capabilities=[["gpu"]])]
    return config


def _make_readable(workdir: Path) -> None:
    """The worker runs as uid 65534: the bind-mounted job folder must be world-readable."""
    try:
        os.chmod(workdir, 0o755)
        for child in Path(workdir).iterdir():
            if child.is_file() and not child.is_symlink():
                os.chmod(child, 0o644)
    except OSError:
        pass


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


class DockerSession(StreamSession):
    kill_before_cleanup = False  # remove(force=True) kills the container itself

    def __init__(self, job: Job, client, image: str, runtime: str | None = None) -> None:
        super().__init__(job)
        self.client = client
        self.image = image
        self.container = None
        self._attach = None  # what attach_socket returned (keeps the HTTP response alive)
        self._sock: socket.socket | None = None
        self._kill_lock = threading.Lock()
        self._killed = False  # the container was running when we killed it
        self._gone = threading.Event()  # stdout closed: the container has stopped
        self._stop = threading.Event()
        self._cgroups: ContainerCgroups | None = None  # once found
        self._stats_fallback = False
        self._threads: list[threading.Thread] = []
        self.started_at: float | None = None
        self.owns_workdir = False  # a spare's job folder is the backend's, removed with the container
        _make_readable(job.workdir)
        # Named up front: an interrupt that lands while the create request is in flight leaves a
        # container the client never heard of, which can then still be found and removed.
        self._name = f"judge-sandbox-{os.getpid()}-{secrets.token_hex(6)}"
        global _MADE_ANY
        _MADE_ANY = True
        try:  # any failure or interrupt before the session exists removes the container here
            try:
                self.container = client.containers.create(name=self._name, **container_config(job, image, runtime))
                _LIVE.add(self.container.id)
                # Attach before start so that nothing the worker writes can be missed (nor buffered by
                # the HTTP response reader ahead of our raw socket reads).
                self._attach = self.container.attach_socket(
                    params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
                self._sock = getattr(self._attach, "_sock", self._attach)
                reader = threading.Thread(target=self._read, name="docker-attach", daemon=True)
                reader.start()
                self._threads.append(reader)
                self.started_at = time.monotonic()
                self.container.start()
            except Exception as exc:  # noqa: BLE001 - DockerException, or requests' timeouts from a slow daemon
                raise BackendUnavailable(f"cannot start a Docker sandbox container: {_one_line(exc)}") from exc
            self._find_cgroups()
            if self._cgroups:
                sampler = threading.Thread(target=self._sample, name="docker-cgroup", daemon=True)
                sampler.start()
                self._threads.append(sampler)
        except BaseException:  # Ctrl-C or SIGTERM included: no session exists yet to close
            self._cleanup()
            raise

    # -- the attach stream
    def _read(self) -> None:
        sock = self._sock
        buffer = bytearray()
        try:
            while True:
                chunk = sock.recv(1 << 16)
                if not chunk:
                    break
                buffer += chunk
                while len(buffer) >= _FRAME.size:
                    stream, length = _FRAME.unpack_from(buffer)
                    if len(buffer) < _FRAME.size + length:
                        break
                    data = bytes(buffer[_FRAME.size:_FRAME.size + length])
                    del buffer[:_FRAME.size + length]
                    if stream == 1:
                        self.feed_stdout(data)
                    elif stream == 2:
                        self.feed_stderr(data)
        except (OSError, ValueError):
            pass
        finally:
            self._gone.set()
            self.feed_eof()

    def _send(self, data: bytes) -> None:
        if self._sock is None:
            raise OSError("no attach socket")
        self._sock.sendall(data)

    # -- killing and explaining
    def _kill(self) -> None:
        import docker.errors

        with self._kill_lock:
            if self.container is None or self._killed:
                return
            try:
                self.container.kill()  # SIGKILL; answers 409 when it is not running any more
                self._killed = True
            except docker.errors.NotFound:
                pass
            except Exception:  # noqa: BLE001 - APIError, or the daemon is gone (requests' errors)
                pass

    def _final_state(self) -> dict:
        """The container's State once it has stopped (waits a few seconds at most)."""
        self._gone.wait(5)
        state: dict = {}
        for _ in range(50):
            try:
                self.container.reload()
                state = self.container.attrs.get("State", {})
            except Exception:  # noqa: BLE001 - the daemon's answer is evidence, not a requirement
                if _ping(timeout=2) is not None:
                    self._daemon_lost = True
                return state
            if not state.get("Running"):
                return state
            time.sleep(0.1)
        return state

    def _exit_failure(self) -> SandboxFailure:
        state = self._final_state()
        self._measure()
        code = state.get("ExitCode")
        limits = self.limits
        if getattr(self, "_daemon_lost", False):  # the judge's fault (its engine), not the submission's
            return SandboxFailure(Verdict.IE, "the Docker daemon stopped answering during the run")
        cpu = self.usage.cpu_seconds
        peak = self.usage.peak_memory_mib or 0.0
        by_signal = code - 128 if isinstance(code, int) and 128 < code < 128 + 65 else None
        if state.get("OOMKilled"):
            return SandboxFailure(Verdict.MLE, f"memory limit of {limits.memory_mib} MiB exceeded (killed by the OOM killer)")
        oom_kills, failcnt = (self._cgroups.oom_kills, self._cgroups.failcnt) if self._cgroups else (0, 0)
        if by_signal == signal.SIGKILL and not self._killed and (
                oom_kills > 0 or (failcnt > 0 and peak >= limits.memory_mib * 0.95)):
            return SandboxFailure(Verdict.MLE, f"memory limit of {limits.memory_mib} MiB exceeded")
        if by_signal == signal.SIGXCPU or (
                by_signal == signal.SIGKILL and cpu >= limits.cpu_seconds - 0.05):
            return SandboxFailure(Verdict.TLE, f"CPU time limit of {limits.cpu_seconds:g} s exceeded")
        if cpu >= limits.cpu_seconds:
            return SandboxFailure(Verdict.TLE, f"CPU time limit of {limits.cpu_seconds:g} s exceeded")
        if by_signal is not None:
            try:
                name = signal.Signals(by_signal).name
            except ValueError:
                name = f"signal {by_signal}"
            return SandboxFailure(Verdict.RE, f"the worker was killed by {name} (exit code {code})", self.stderr_tail)
        error = state.get("Error") or ""
        if code is None:
            return SandboxFailure(Verdict.RE, "the worker's container is gone (no exit status)", self.stderr_tail)
        suffix = f" ({error})" if error else ""
        return SandboxFailure(Verdict.RE, f"the worker exited with code {code} before answering{suffix}", self.stderr_tail)

    # -- measuring from outside
    def _find_cgroups(self) -> None:
        """Locate the container's cgroups (sandbox.cgroups); without them, docker's stats API."""
        if self.container is None:
            return
        pid = 0
        try:
            self.container.reload()
            pid = int(self.container.attrs.get("State", {}).get("Pid") or 0)
        except Exception:  # noqa: BLE001
            pass
        self._cgroups = ContainerCgroups.find(self.container.id, pid)
        self._stats_fallback = self._cgroups is None

    def _measure(self) -> None:
        if self._cgroups:
            self._cgroups.read(self.usage)
            return
        if not self._stats_fallback or self.container is None or self._gone.is_set():
            return
        try:  # slow (a daemon round trip) and only valid while the container runs
            stats = self.container.stats(stream=False, one_shot=True)
        except Exception:  # noqa: BLE001
            return
        total = stats.get("cpu_stats", {}).get("cpu_usage", {}).get("total_usage")
        if total:
            self.usage.cpu_seconds = max(self.usage.cpu_seconds, total / 1e9)
        memory = stats.get("memory_stats", {})
        peak = memory.get("max_usage") or memory.get("usage")
        if peak:
            self.usage.peak_memory_mib = max(self.usage.peak_memory_mib or 0.0, peak / 2**20)

    def _sample(self) -> None:
        """Poll the cgroup while the container runs: its files disappear when it stops."""
        limit = self.limits.cpu_seconds
        while not self._stop.is_set() and not self._gone.is_set():
            if not self._cgroups.read(self.usage):
                break
            if self.usage.cpu_seconds > limit + 0.25:
                # The CPU rlimit is per process; the cgroup counts them all (forks, threads' children).
                with self._cond:
                    if self._inbox.violation is None:
                        self._inbox.violation = SandboxFailure(Verdict.TLE, f"CPU time limit of {limit:g} s exceeded")
                    self._cond.notify_all()
                self._kill()
                break
            self._stop.wait(SAMPLE_SECONDS)

    # -- releasing
    def _cleanup(self) -> None:
        import docker.errors

        self._stop.set()
        # By id; by name when the daemon made the container but its id never reached us.
        target = self.container.id if self.container is not None else self._name
        for attempt in range(3):  # a loaded daemon may time out; an orphan would outlive the run
            try:
                self.client.api.remove_container(target, force=True)
            except docker.errors.NotFound:
                pass
            except Exception:  # noqa: BLE001 - DockerException or a requests timeout: try again
                time.sleep(0.5 * (attempt + 1))
                continue
            break
        _LIVE.discard(target)  # if it is still there, the next run's orphan sweep removes it
        for closable in (self._sock, self._attach):
            if closable is None:
                continue
            try:
                if isinstance(closable, socket.socket):
                    closable.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                closable.close()
            except OSError:
                pass
        response = getattr(self._attach, "_response", None)
        if response is not None:
            try:
                response.close()
            except Exception:  # noqa: BLE001
                pass
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=2)
        if self.owns_workdir:
            shutil.rmtree(self.job.workdir, ignore_errors=True)

    def adopt(self, job: Job) -> None:
        """Take `job`'s files into this (spare, already running) container's job folder: the folder is
        bind-mounted, so the worker sees them before the hello names them."""
        for child in Path(job.workdir).iterdir():
            if child.is_file() and not child.is_symlink():
                shutil.copyfile(child, Path(self.job.workdir) / child.name)
        _make_readable(self.job.workdir)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_LIVE: set[str] = set()  # ids of the containers this process's open sessions use
_MADE_ANY = False  # whether this process ever asked for a container


def remove_own_containers() -> None:
    """Last resort when the judge is interrupted: whatever sandbox container of this process is
    still there goes (the sessions' own cleanup has normally removed it already)."""
    if not _MADE_ANY:
        return
    try:
        import docker

        client = docker.from_env(timeout=10)
    except Exception:  # noqa: BLE001 - no daemon: nothing of ours can be running on it
        return
    try:
        for container in sandbox_containers(client, instance=judge_instance()):
            try:
                client.api.remove_container(container["Id"], force=True)
            except Exception:  # noqa: BLE001 - gone meanwhile, or the daemon is: the next sweep
                pass
    except Exception:  # noqa: BLE001
        pass
    finally:
        client.close()


def remove_orphans_of(pids: Iterable[int]) -> None:
    """Remove the sandbox containers that judge processes `pids` (ended: a batch's children) left
    behind: only those `is_orphan` proves left behind (a judge in another PID namespace on the same
    daemon may have a process with the same id). Best effort, where a daemon answers."""
    pids = set(pids)
    if not pids:
        return
    try:
        import docker

        client = docker.from_env(timeout=10)
    except Exception:  # noqa: BLE001 - no docker package or daemon: no container can be ours
        return
    try:
        for pid in pids:
            for container in sandbox_containers(client, pid):
                if is_orphan(container):
                    try:
                        client.api.remove_container(container["Id"], force=True)
                    except Exception:  # noqa: BLE001 - gone meanwhile: nothing left to do
                        pass
    except Exception:  # noqa: BLE001
        pass
    finally:
        client.close()


def sandbox_containers(client, pid: int | None = None, instance: str | None = None) -> list[dict]:
    """The daemon's summaries of sandbox containers (of judge process `pid`, or judge instance
    `instance`, if given), in one request. Not `containers.list()`: that inspects each container
    afterwards and fails outright when any of them is removed in between, which other judges do
    all the time."""
    labels = [f"{LABEL}=1"] + ([f"{PID_LABEL}={pid}"] if pid is not None else []) + (
        [f"{INSTANCE_LABEL}={instance}"] if instance is not None else [])
    return client.api.containers(all=True, filters={"label": labels})


def is_orphan(container: dict, now: float | None = None) -> bool:
    """Whether a sandbox container is provably left behind, so that removing it hurts no judge.

    Judges that share a daemon need not share a host or a PID namespace (CI jobs in containers with
    the host's socket, service workers, a remote DOCKER_HOST): a PID means nothing outside its own
    namespace. So a container is an orphan only when it is this judge instance's own and no open
    session uses it; or it comes from this host's boot and this PID namespace and its judge process
    is dead or the PID now belongs to a later process; or it is past the expiry its judge wrote on
    it (twice the wall limit plus a margin). Containers of older judges without these labels go
    after LEGACY_AGE_SECONDS."""
    labels = container.get("Labels") or {}
    now = time.time() if now is None else now
    if labels.get(INSTANCE_LABEL) == judge_instance():
        return container["Id"] not in _LIVE
    identity = judge_identity()
    if labels.get(HOST_LABEL) == identity[HOST_LABEL] and labels.get(PIDNS_LABEL) == identity[PIDNS_LABEL]:
        try:
            pid = int(labels.get(PID_LABEL, "0"))
        except ValueError:
            pid = 0
        if pid <= 0 or not _pid_alive(pid):
            return True
        started = labels.get(START_LABEL)
        return started is not None and started != _process_start(pid)  # the PID was reused
    try:
        return now > float(labels[EXPIRES_LABEL])
    except (KeyError, ValueError):
        created = container.get("Created")
        return isinstance(created, (int, float)) and now - created > LEGACY_AGE_SECONDS


def cleanup_orphans(client) -> int:
    """Remove the sandbox containers that `is_orphan` proves left behind. Returns the count."""
    removed = 0
    try:
        containers = sandbox_containers(client)
    except Exception:  # noqa: BLE001 - best effort: a daemon that cannot list will fail the run itself
        return 0
    for container in containers:
        if not is_orphan(container):
            continue
        try:
            client.api.remove_container(container["Id"], force=True)
            removed += 1
        except Exception:  # noqa: BLE001 - gone meanwhile, or being removed by its own judge
            pass
    return removed


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read().strip()
    except OSError:
        return "?"


def _process_start(pid: int) -> str:
    """A process's start time in clock ticks since boot (field 22 of /proc/PID/stat): with the PID,
    it names one process, never a later one that reuses the PID."""
    stat = _read(f"/proc/{pid}/stat")
    try:
        return stat.rsplit(")", 1)[1].split()[19]
    except IndexError:
        return "?"


_IDENTITY: dict[str, str] = {}


def judge_identity() -> dict[str, str]:
    """The labels that say which judge made a container: a random id of this judge instance, this
    host's boot id, this PID namespace (its inode), the PID and its start time."""
    if not _IDENTITY or _IDENTITY[PID_LABEL] != str(os.getpid()):  # computed again in a forked child
        try:
            pidns = str(os.stat("/proc/self/ns/pid").st_ino)
        except OSError:
            pidns = "?"
        _IDENTITY.clear()
        _IDENTITY.update({HOST_LABEL: _read("/proc/sys/kernel/random/boot_id"), PIDNS_LABEL: pidns,
                          PID_LABEL: str(os.getpid()), START_LABEL: _process_start(os.getpid()),
                          INSTANCE_LABEL: judge_instance()})
    return dict(_IDENTITY)


def _stderr_progress(line: str) -> None:
    print(f"[docker] {line}", file=sys.stderr, flush=True)


_BACKENDS: "weakref.WeakSet[DockerBackend]" = weakref.WeakSet()


@atexit.register
def _close_backends() -> None:
    for backend in list(_BACKENDS):
        backend.close()


class DockerBackend:
    """The strongest built-in sandbox: `--sandbox auto` tries it first. See judge.backends.SandboxBackend."""

    name = "docker"
    notice = ""
    auto_rank = 10
    job_path = JOB_PATH  # where the job folder appears inside the sandbox (the hello names files there)

    def __init__(self, *, base: str | None = None, wheelhouse: Path | None = None, progress=_stderr_progress) -> None:
        self.base = base or os.environ.get("JUDGE_DOCKER_BASE") or None
        self.runtime = os.environ.get("JUDGE_DOCKER_RUNTIME") or None
        wheels = wheelhouse or os.environ.get("JUDGE_DOCKER_WHEELHOUSE")
        self.wheelhouse = Path(wheels) if wheels else None
        self.progress = progress
        self._available: bool | None = None
        self._client = None
        self._images: dict[str, str] = {}
        self._orphans_checked = False
        self._lock = threading.Lock()
        # A batch sets this: from the second job on, the next container starts while a job runs.
        self.keep_spare = False
        self._opened = 0  # jobs opened so far
        self._spares: dict[tuple, _Spare] = {}  # (profile, limits, device, runtime) -> the next container
        _BACKENDS.add(self)  # a spare never outlives the judge process

    def available(self) -> bool:
        if self._available is None:
            self._available = _ping(timeout=2) is None
        return self._available

    @property
    def why_unavailable(self) -> str:
        problem = _ping(timeout=2)
        return f"no Docker daemon answers ({problem}); run scripts/setup-docker.sh" if problem else "it answered now"

    def client(self):
        """A docker client for real work (no short timeout); BackendUnavailable when none answers."""
        if self._client is None:
            problem = _ping(timeout=5)
            if problem is not None:
                self._available = False
                raise BackendUnavailable(f"no Docker daemon answers ({problem}); run scripts/setup-docker.sh")
            import docker

            self._client = docker.from_env()
        return self._client

    def image(self, profile: str) -> str:
        from judge.sandbox.images import ensure_image, require_same_python

        with self._lock:
            if profile not in self._images:
                tag = ensure_image(self.client(), profile, base=self.base, wheelhouse=self.wheelhouse,
                                   progress=self.progress)
                require_same_python(self.client(), tag)  # the reference runs on the judge's Python
                self._images[profile] = tag
            return self._images[profile]

    def set_extra_labels(self, labels: dict[str, str]) -> None:
        """Labels for every container this process starts from now on (one judgment at a time)."""
        EXTRA_LABELS.clear()
        EXTRA_LABELS.update(labels)

    def close(self) -> None:
        """Remove the spare container, if one was started, and drop the client and its connections.
        Called when the judge is done with this backend (the end of a command, a batch worker)."""
        with self._lock:
            spares, self._spares = list(self._spares.values()), {}
        for spare in spares:
            spare.discard()
        if self._client is not None:
            try:
                self._client.close()
            except Exception:  # noqa: BLE001
                pass
            self._client = None

    def remove_leftovers(self, pids: Iterable[int] | None = None) -> None:
        """Without `pids` (after Ctrl-C or SIGTERM): any sandbox container of this judge process that
        is still there. With `pids` (ended judge processes, a batch's children): their orphans."""
        if pids is None:
            remove_own_containers()
        else:
            remove_orphans_of(pids)

    def remove_stale(self, needed) -> int:
        """Sandbox containers on this daemon that no judgment needs: the orphans `is_orphan` proves
        left behind, and those whose labels `needed` marks False. Returns how many were removed."""
        try:
            client = self.client()
            containers = sandbox_containers(client)
        except Exception:  # noqa: BLE001 - no daemon: nothing to remove
            return 0
        keep = needed([dict(c.get("Labels") or {}) for c in containers]) if containers else []
        removed = 0
        for container, wanted in zip(containers, keep):
            if not wanted or is_orphan(container):
                try:
                    client.api.remove_container(container["Id"], force=True)
                    removed += 1
                except Exception:  # noqa: BLE001 - removed meanwhile by its own judge
                    pass
        return removed

    def open(self, job: Job) -> DockerSession:
        """A container for `job`. With `keep_spare`, from the second job on, the next container is
        started while this one runs (a spare with the same image and limits, never used twice): a
        batch pays the container start-up once, not once per submission."""
        key = (job.profile, job.limits, job.device, self.runtime)
        with self._lock:
            spare = self._spares.pop(key, None)
            self._opened += 1
            keep_spare = self.keep_spare and self._opened > 1
        session = spare.take() if spare is not None else None
        if session is not None:
            session.adopt(job)
        else:
            session = self._new_session(job)
        if keep_spare:
            spare = _Spare(self, job)
            with self._lock:
                old = self._spares.pop(key, None)
                self._spares[key] = spare
            if old is not None:
                old.discard()
        return session

    def _new_session(self, job: Job) -> DockerSession:
        client = self.client()
        if not self._orphans_checked:
            self._orphans_checked = True
            cleanup_orphans(client)
        if self.runtime and self.runtime not in (client.info().get("Runtimes") or {}):
            raise BackendUnavailable(f"the Docker daemon has no runtime {self.runtime!r} (is gVisor installed and registered?)")
        return DockerSession(job, client, self.image(job.profile), self.runtime)


class _Spare:
    """A container started ahead of need, with a job folder of its own, on a thread of its own."""

    def __init__(self, backend: DockerBackend, job: Job) -> None:
        self._backend = backend
        self._job = Job(workdir=Path(tempfile.mkdtemp(prefix="judge-spare-")), limits=job.limits,
                        profile=job.profile, device=job.device)
        self._session: DockerSession | None = None
        self._thread = threading.Thread(target=self._start, name="docker-spare", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._session = self._backend._new_session(self._job)
            self._session.owns_workdir = True
        except BaseException:  # noqa: BLE001 - no spare: the next job starts its own container
            shutil.rmtree(self._job.workdir, ignore_errors=True)

    def take(self) -> DockerSession | None:
        self._thread.join()
        return self._session

    def discard(self) -> None:
        session = self.take()
        if session is not None:
            session.close()


def _ping(timeout: float) -> str | None:
    """None when a daemon answers within `timeout` seconds, else why not (one line)."""
    host = os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
    if host.startswith("unix://"):
        return _ping_unix_socket(host, timeout)
    return _ping_with_client(host, timeout)


def _ping_unix_socket(host: str, timeout: float) -> str | None:
    """`GET /_ping` over the daemon's socket with the standard library: `judge run` asks this before
    anything else, and importing docker-py (about 0.15 s) can then wait for the sandbox's own thread."""
    path = host.removeprefix("unix://")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
        sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
        status = sock.recv(64).split(b"\r\n", 1)[0]
    except FileNotFoundError:
        return f"nothing answers at {host}: no socket"
    except ConnectionRefusedError:
        return f"nothing answers at {host}: connection refused"
    except PermissionError:
        return f"nothing answers at {host}: permission denied"
    except (socket.timeout, TimeoutError):
        return f"nothing answers at {host}: timed out"
    except OSError as exc:
        return f"{host}: {_one_line(exc)}"
    finally:
        sock.close()
    if status.split()[1:2] == [b"200"]:
        return None
    return f"{host}: the daemon answered {status.decode('latin-1', 'replace')[:80]!r}"


def _ping_with_client(host: str, timeout: float) -> str | None:
    try:
        import docker
    except ImportError:
        return "the docker Python package is not installed"
    try:
        client = docker.from_env(timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - DockerException, bad DOCKER_HOST, ...
        return _one_line(exc)
    try:
        client.ping()
        return None
    except Exception as exc:  # noqa: BLE001
        text = _one_line(exc)
        for marker, reason in (("FileNotFoundError", "no socket"), ("Connection refused", "connection refused"),
                               ("Permission denied", "permission denied"), ("timed out", "timed out"),
                               ("Read timed out", "timed out")):
            if marker in text:
                return f"nothing answers at {host}: {reason}"
        return f"{host}: {text}"
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001
            pass


@hookimpl
def judge_sandbox_backends():
    return [DockerBackend()]
