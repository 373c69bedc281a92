"""Control groups, read and written from the judge's side: the evidence no sandboxed code can touch.

`PidsCgroup` caps the local sandbox's processes and finds every descendant to kill;
`ContainerCgroups` reads a Docker container's CPU time, peak memory and OOM events from its
cgroup folders on the host, cgroup v2 (one folder) or v1 (the cpuacct and memory controllers).
"""
from __future__ import annotations

import itertools
import os
import signal
import time
from pathlib import Path

from judge.sandbox.session import Usage

CGROUP = Path("/sys/fs/cgroup")
_COUNTER = itertools.count()


class PidsCgroup:
    """A pids cgroup (v1 or v2) for one worker: caps its processes and finds every descendant to kill."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.procs_file = str(path / "cgroup.procs")

    @classmethod
    def create(cls, limit: int) -> "PidsCgroup | None":
        for root in (CGROUP / "pids", CGROUP):
            if not (root / "cgroup.procs").exists() or (root == CGROUP and
                                                       not (root / "cgroup.controllers").exists()):
                continue
            path = root / f"judge-local-{os.getpid()}-{next(_COUNTER)}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(limit))
                return cls(path)
            except OSError:
                try:
                    path.rmdir()
                except OSError:
                    pass
        return None

    def pids(self) -> list[int]:
        try:
            return [int(line) for line in Path(self.procs_file).read_text().split()]
        except (OSError, ValueError):
            return []

    def kill_all(self) -> None:
        for _ in range(50):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.02)

    def remove(self) -> None:
        deadline = time.monotonic() + 10  # a killed process can take a while to leave on a loaded machine
        while True:
            self.kill_all()
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.05)


class ContainerCgroups:
    """A running container's cgroup folders (controller -> folder; "v2" for the unified one).

    The files vanish when the container stops, so `read` is sampled while it runs; what it saw
    (`oom_kills`, `failcnt`: times the memory limit was hit) stays for explaining its exit.
    """

    def __init__(self, folders: dict[str, Path]) -> None:
        self.folders = folders
        self.oom_kills = 0
        self.failcnt = 0

    @classmethod
    def find(cls, container_id: str, pid: int) -> "ContainerCgroups | None":
        """The cgroups of the container whose init process is `pid` (0 when unknown), or None."""
        found: dict[str, Path] = {}
        if pid > 0:  # the authoritative answer: the init process's own cgroup membership
            try:
                lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
            except OSError:
                lines = []
            for line in lines:
                _, controllers, path = line.split(":", 2)
                rel = path.lstrip("/")
                if controllers == "":
                    folder = CGROUP / rel
                    if (CGROUP / "cgroup.controllers").exists() and (folder / "cpu.stat").exists():
                        found.setdefault("v2", folder)
                    continue
                for name in controllers.split(","):
                    if name in ("cpuacct", "memory"):
                        for mount in (CGROUP / name, CGROUP / controllers):
                            if (mount / rel).is_dir():
                                found.setdefault(name, mount / rel)
                                break
        if not found:  # well-known layouts: cgroupfs and systemd drivers, v1 and v2
            for name in ("cpuacct", "memory"):
                for mount in (CGROUP / name, CGROUP / "cpu,cpuacct"):
                    for folder in (mount / "docker" / container_id,
                                   mount / "system.slice" / f"docker-{container_id}.scope"):
                        if folder.is_dir():
                            found.setdefault(name, folder)
            for folder in (CGROUP / "system.slice" / f"docker-{container_id}.scope", CGROUP / "docker" / container_id):
                if (folder / "cpu.stat").exists() and not found:
                    found["v2"] = folder
        if "v2" in found:
            return cls({"v2": found["v2"]})
        if "cpuacct" in found or "memory" in found:
            return cls(found)
        return None

    def read(self, usage: Usage) -> bool:
        """One sample into `usage` (maxima only grow); False once the files are gone (it stopped)."""
        groups = self.folders
        try:
            if "v2" in groups:
                folder = groups["v2"]
                for line in (folder / "cpu.stat").read_text().splitlines():
                    if line.startswith("usage_usec "):
                        usage.cpu_seconds = max(usage.cpu_seconds, int(line.split()[1]) / 1e6)
                for name in ("memory.peak", "memory.current"):
                    try:
                        value = int((folder / name).read_text()) / 2**20
                    except (OSError, ValueError):
                        continue
                    usage.peak_memory_mib = max(usage.peak_memory_mib or 0.0, value)
                    break
                for line in (folder / "memory.events").read_text().splitlines():
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        self.oom_kills = max(self.oom_kills, int(value))
                    elif key == "max":
                        self.failcnt = max(self.failcnt, int(value))
                return True
            alive = False
            if "cpuacct" in groups:
                ns = int((groups["cpuacct"] / "cpuacct.usage").read_text())
                usage.cpu_seconds = max(usage.cpu_seconds, ns / 1e9)
                alive = True
            if "memory" in groups:
                folder = groups["memory"]
                peak = int((folder / "memory.max_usage_in_bytes").read_text()) / 2**20
                usage.peak_memory_mib = max(usage.peak_memory_mib or 0.0, peak)
                self.failcnt = max(self.failcnt, int((folder / "memory.failcnt").read_text()))
                try:
                    for line in (folder / "memory.oom_control").read_text().splitlines():
                        if line.startswith("oom_kill "):
                            self.oom_kills = max(self.oom_kills, int(line.split()[1]))
                except OSError:
                    pass
                alive = True
            return alive
        except (OSError, ValueError, IndexError):
            return False
