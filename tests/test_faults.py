"""Faults and load against the real Docker daemon: the daemon vanishing mid-run, Ctrl-C and
SIGTERM, a missing image, concurrent judges, and 200 runs in a row without leaks."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import CHALLENGES, ROOT, SUBMISSIONS
from judge.sandbox.docker_backend import DockerBackend, sandbox_containers
from judge.sandbox.local import own_rss_mib

pytestmark = pytest.mark.docker
SLEEPER = ROOT / "tests" / "hostile" / "submissions" / "sleep_forever.py"
WRONG = CHALLENGES / "lru_cache" / "wrong" / "evicts_most_recent.py"
LEAK_PROBE = CHALLENGES / "lru_cache" / "wrong" / "returns_bool_on_hit.py"


@pytest.fixture(scope="module", autouse=True)
def _daemon():
    backend = DockerBackend()
    if not backend.available():
        pytest.skip(f"no Docker daemon: {backend.why_unavailable}")
    backend.image("python")


def _containers(pid: int | None = None) -> list:
    import docker

    client = docker.from_env()
    try:
        return sandbox_containers(client, pid)
    finally:
        client.close()


class SocketProxy:
    """A stand-in Docker endpoint that can be cut: a unix socket relaying to the real daemon."""

    def __init__(self, path: Path, target: str = "/var/run/docker.sock") -> None:
        self.path, self.target = path, target
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(str(path))
        self.server.listen(64)
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.target)
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        self.server.close()
        os.unlink(self.path)
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            except OSError:
                pass


def test_daemon_vanishing_mid_run_is_an_internal_error_and_leaves_no_orphan(judge_cli, monkeypatch, tmp_path):
    proxy = SocketProxy(tmp_path / "docker.sock")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path / 'docker.sock'}")
    outcome = {}

    def run():
        outcome["result"] = judge_cli("run", "challenge", "lru_cache", SLEEPER, "--sandbox", "docker", "--json")

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while not _containers(os.getpid()) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    proxy.cut()  # the "daemon" is gone
    thread.join(90)
    code, out, err = outcome["result"]
    assert code == 2
    result = json.loads(out)
    assert result["verdict"] == "IE" and result["message"] == "the Docker daemon stopped answering during the run"
    # the daemon comes back: the next run sweeps the orphan away
    monkeypatch.delenv("DOCKER_HOST")
    code, out, _ = judge_cli("run", "challenge", "lru_cache", WRONG, "--sandbox", "docker", "--json", "--seed", "1")
    assert json.loads(out)["verdict"] == "WA"
    assert _containers(os.getpid()) == []


# The image rebuild holds the daemon's image store for seconds, and container removal waits on
# it: one worker runs both, so the 2-second bound measures the judge, not a concurrent build.
DAEMON_TIMING = pytest.mark.xdist_group("docker-image-store")


@DAEMON_TIMING
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_removes_the_container_within_two_seconds(sig, code):
    proc = subprocess.Popen([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache", str(SLEEPER),
                             "--sandbox", "docker"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _containers(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _containers(proc.pid), "the judge never started a container"
    proc.send_signal(sig)
    sent = time.monotonic()
    # 2 s on a quiet machine (measured 0.4-0.5 s); the bound allows for a daemon slowed by the
    # other test worker, since `docker ps` itself lags on a loaded 2-core machine.
    while _containers(proc.pid) and time.monotonic() - sent < 6:
        time.sleep(0.05)
    left = _containers(proc.pid)
    if left:
        proc.kill()
        _, err = proc.communicate(10)
        states = [c["State"] for c in left]
    assert left == [], f"the container outlived the judge by more than 6 s: {states}, judge: {err.decode()[-500:]!r}"
    assert proc.wait(10) == code
    assert proc.stderr.read().decode().count("\n") == 1


@DAEMON_TIMING
def test_a_missing_image_is_rebuilt_with_progress(judge_cli, monkeypatch):
    import docker

    client = docker.from_env()
    base = DockerBackend().image("python")
    # a base of our own gives an image tag of our own: other judges keep using theirs meanwhile
    client.images.get(base).tag("judge-test-base", "missing-image")
    monkeypatch.setenv("JUDGE_DOCKER_BASE", "judge-test-base:missing-image")
    tag = DockerBackend().image("python")
    assert tag != base
    client.images.remove(tag, force=True)  # now it is missing
    code, out, err = judge_cli("run", "challenge", "lru_cache", WRONG, "--sandbox", "docker", "--json", "--seed", "1")
    assert json.loads(out)["verdict"] == "WA"
    assert "building sandbox image" in err and "Traceback" not in err
    assert client.images.get(tag)
    client.images.remove(tag, force=True)
    client.images.remove("judge-test-base:missing-image", force=True)
    client.close()


def _run_many(count: int) -> list[dict]:
    cases = [WRONG, SUBMISSIONS / "lru_ok.py"] * (count // 2)
    procs = [subprocess.Popen([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache", str(path),
                               "--sandbox", "docker", "--json", "--seed", "11", "--max-examples", "60"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path in cases]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        results.append(json.loads(out))
        assert _containers(proc.pid) == []  # each judge removed its own container
    return results


@pytest.mark.slow
def test_concurrent_judges_agree_with_a_lone_one():
    alone = _run_many(2)
    for count in (2, 8):
        together = _run_many(count)
        for i, result in enumerate(together):
            solo = alone[i % 2]
            assert (result["verdict"], result["counterexample"]) == (solo["verdict"], solo["counterexample"])


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.slow
def test_two_hundred_runs_leak_nothing(judge_cli, monkeypatch):
    """Counts of containers, volumes, temp folders and descriptors come back exactly; memory is
    read after every run, and a leak shows as a trend: the last 20 runs' median against the
    first 20's (a single reading moves with the allocator by tens of MiB either way). Python-level
    memory stays flat (tracemalloc: under 0.5 MiB over 60 runs); resident size still drifts by
    about 0.15 MiB a run while pymalloc's arenas settle. The bound, 60 MiB over 180 runs, is
    under a third of what the judge grew before its fix (1.1 MiB a run: glibc kept each scaling
    check's freed buffers; benchmarks/bench_long_lived_judge.py measures it)."""
    import docker

    client = docker.from_env()
    tmp = Path(tempfile.mkdtemp(prefix="judge-leaks-"))  # ours alone: other judges may run meanwhile
    os.chmod(tmp, 0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))

    def counts():
        return (len(_containers(os.getpid())), len(client.volumes.list()),
                len(list(tmp.glob("judge-job-*"))) + len(list(tmp.glob("judge-local-*"))))

    def judge(seed: int) -> int:  # mostly WA found early; now and then a seed reaches the scaling check
        code, _, _ = judge_cli("run", "challenge", "lru_cache", LEAK_PROBE, "--sandbox", "docker", "--seed", str(seed),
                               "--max-examples", "100")
        return code

    try:
        for seed in range(10):  # warm up: imports, caches, the image lookup
            judge(seed)
        before, fds = counts(), _open_fds()
        rss = []
        for seed in range(200):
            assert judge(seed) in (0, 1)
            rss.append(own_rss_mib())
        assert counts() == before
        assert _open_fds() == fds
        first, last = statistics.median(rss[:20]), statistics.median(rss[-20:])
        assert last - first < 60, f"judge memory grew from {first:.0f} to {last:.0f} MiB (medians of 20 runs)"
    finally:
        client.close()
        shutil.rmtree(tmp, ignore_errors=True)
