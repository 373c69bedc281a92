"""The Docker sandbox backend: hardening config (no daemon needed) and real containers (daemon needed).

Tests that need a daemon take the `backend` fixture, which skips them with the reason
("no Docker daemon: ...") when none answers; start one with scripts/setup-docker.sh.
The sandbox image is built (or found) once per test session.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

docker = pytest.importorskip("docker", reason="docker-py is not installed: the Docker backend cannot be tested")

from judge.sandbox.docker_backend import (  # noqa: E402
    _LIVE,
    LABEL, PID_LABEL, DockerBackend, _ping, cleanup_orphans, container_config, sandbox_containers)
from judge.sandbox.session import Job, Limits, SandboxFailure  # noqa: E402

LIMITS = Limits(cpu_seconds=5, wall_seconds=10, memory_mib=256, output_kib=64)
HELLO = {"submission": "/job/submission.py", "names": ["add"], "support": None}
RUN_ADD = {"op": "run", "calls": [{"target": None, "name": "add", "args": [1, 2]}]}


def _job(workdir: Path, profile: str = "python", limits: Limits = LIMITS) -> Job:
    return Job(workdir=workdir, limits=limits, profile=profile)


# ---------------------------------------------------------------- no daemon needed

def test_the_seccomp_profile_is_dockers_default_without_ptrace_and_friends(tmp_path):
    import json

    profile = json.loads(container_config(_job(tmp_path), "i")["security_opt"][1].removeprefix("seccomp="))
    assert profile["defaultAction"] == "SCMP_ACT_ERRNO"
    allowed = [rule for rule in profile["syscalls"] if rule["action"] == "SCMP_ACT_ALLOW"]
    names = {name for rule in allowed for name in rule["names"]}
    assert {"read", "write", "mmap", "clone", "futex", "execve", "wait4", "openat"} <= names  # what Python needs
    denied = {"ptrace", "process_vm_readv", "process_vm_writev", "process_madvise", "pidfd_getfd", "kcmp", "bpf",
              "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "io_uring_setup",
              "io_uring_enter", "io_uring_register", "modify_ldt", "kexec_load"}
    assert not names & denied  # under any capability: no rule allows them
    unconditional = {name for rule in allowed if not rule.get("includes") and not rule.get("args")
                     for name in rule["names"]}
    assert not unconditional & {"mount", "unshare", "setns", "clone3", "chroot"}  # CAP_SYS_ADMIN etc., as in Docker's
    personality = [rule["args"] for rule in allowed if "personality" in rule["names"]]
    assert sorted(args[0]["value"] for args in personality) == [0, 0xFFFFFFFF]  # PER_LINUX and the query
    assert all(len(args) == 1 and args[0]["op"] == "SCMP_CMP_EQ" for args in personality)


def test_container_config_is_hardened(tmp_path):
    config = container_config(_job(tmp_path), "judge-sandbox-python:abc")
    assert config["image"] == "judge-sandbox-python:abc"
    assert config["command"] == ["python3", "-I", "-B", "/opt/judge/worker.py"]
    assert config["network_mode"] == "none"
    assert config["read_only"] is True
    assert config["tmpfs"] == {"/tmp": "rw,noexec,nosuid,nodev,size=64m"}
    assert config["cap_drop"] == ["ALL"]
    assert config["security_opt"][0] == "no-new-privileges:true"
    assert config["security_opt"][1].startswith("seccomp={")  # the profile itself: the test above
    assert len(config["security_opt"]) == 2
    assert config["user"] == "65534:65534"
    assert config["pids_limit"] == LIMITS.pids
    assert config["mem_limit"] == config["memswap_limit"] == "256m"
    assert config["nano_cpus"] == 1_000_000_000
    ulimits = {u["Name"]: (u["Soft"], u["Hard"]) for u in config["ulimits"]}
    assert ulimits["nofile"] == (256, 256)
    assert ulimits["fsize"] == (16 << 20, 16 << 20)
    assert ulimits["core"] == (0, 0)
    assert ulimits["cpu"] == (5, 6)
    assert config["ipc_mode"] == "private"
    assert config["init"] is True
    assert config["auto_remove"] is False
    assert config["log_config"]["Type"] == "json-file"
    assert config["log_config"]["Config"]["max-size"] == "1m"
    assert config["environment"]["HOME"] == "/tmp"
    assert config["environment"]["OMP_NUM_THREADS"] == "1"
    assert not any(k for k in config["environment"] if "TOKEN" in k or "KEY" in k or "SECRET" in k)
    assert config["working_dir"] == "/tmp"
    labels = config["labels"]
    assert labels[LABEL] == "1" and labels[PID_LABEL] == str(os.getpid())
    assert {"judge.instance", "judge.host", "judge.pidns", "judge.pid-start", "judge.expires"} <= set(labels)
    assert config["volumes"] == {str(tmp_path.resolve()): {"bind": "/job", "mode": "ro"}}
    assert config["stdin_open"] is True and config["tty"] is False
    assert "device_requests" not in config
    for forbidden in ("privileged", "network", "pid_mode", "oom_kill_disable", "cap_add"):
        assert forbidden not in config


def test_cpu_rlimit_rounds_up(tmp_path):
    limits = Limits(cpu_seconds=2.2, wall_seconds=5, memory_mib=512, output_kib=64, pids=16)
    config = container_config(_job(tmp_path, limits=limits), "img")
    ulimits = {u["Name"]: (u["Soft"], u["Hard"]) for u in config["ulimits"]}
    assert ulimits["cpu"] == (3, 4)
    assert config["pids_limit"] == 16
    assert config["mem_limit"] == "512m"


def test_torch_gpu_config_requests_gpus(tmp_path):
    config = container_config(_job(tmp_path, profile="torch-gpu"), "judge-sandbox-torch-gpu:abc")
    (request,) = config["device_requests"]
    assert request["Count"] == -1
    assert request["Capabilities"] == [["gpu"]]
    assert config["network_mode"] == "none" and config["read_only"] is True


def test_backend_shape():
    backend = DockerBackend()
    assert backend.name == "docker"
    assert backend.notice == ""
    assert backend.job_path == "/job"


# ---------------------------------------------------------------- a daemon needed

@pytest.fixture(scope="session")
def backend():
    problem = _ping(timeout=2)
    if problem is not None:
        pytest.skip(f"no Docker daemon: {problem} (start one with scripts/setup-docker.sh)")
    backend = DockerBackend()
    backend.image("python")  # built (or found) once per test session
    return backend


def _submission(tmp_path: Path, source: str) -> Path:
    workdir = tmp_path / "job"
    workdir.mkdir()
    (workdir / "submission.py").write_text(source)
    return workdir


def _ours(client) -> list:
    return sandbox_containers(client, os.getpid())


@pytest.mark.docker
def test_available(backend):
    assert backend.available() is True


@pytest.mark.docker
def test_add_round_trip(backend, tmp_path):
    workdir = _submission(tmp_path, "def add(a, b):\n    return a + b\n")
    session = backend.open(_job(workdir))
    try:
        assert session.start(HELLO)["op"] == "ready"
        reply = session.request(RUN_ADD)
        assert reply["outcomes"] == [{"value": 3}]
    finally:
        usage = session.close()
    assert usage.cpu_seconds > 0
    assert not _ours(backend.client())


@pytest.mark.docker
def test_sandbox_is_locked_down(backend, tmp_path):
    source = (
        "import os, socket\n"
        "def add(a, b):\n"
        "    out = [os.getuid(), os.getgid()]\n"
        "    for path in ('/job/x', '/opt/judge/worker.py', '/usr/x'):\n"
        "        try:\n"
        "            open(path, 'w')\n"
        "            out.append('wrote ' + path)\n"
        "        except OSError as exc:\n"
        "            out.append(type(exc).__name__)\n"
        "    try:\n"
        "        socket.create_connection(('1.1.1.1', 80), timeout=1)\n"
        "        out.append('network')\n"
        "    except OSError as exc:\n"
        "        out.append('no network')\n"
        "    open('/tmp/scratch', 'w').write('ok')\n"
        "    out.append(sorted(k for k in os.environ))\n"
        "    return out\n")
    workdir = _submission(tmp_path, source)
    with backend.open(_job(workdir)) as session:
        assert session.start(HELLO)["op"] == "ready"
        (outcome,) = session.request(RUN_ADD)["outcomes"]
    uid, gid, job_write, worker_write, usr_write, network, env = outcome["value"]
    assert (uid, gid) == (65534, 65534)
    assert "wrote" not in job_write + worker_write + usr_write
    assert network == "no network"
    assert "HOME" in env and not any("DOCKER" in k for k in env)


@pytest.mark.docker
def test_memory_bomb_is_mle(backend, tmp_path):
    source = ("def add(a, b):\n"
              "    x = bytearray(400 << 20)\n"
              "    x[::4096] = b'\\x01' * len(x[::4096])\n"
              "    return len(x)\n")
    workdir = _submission(tmp_path, source)
    with backend.open(_job(workdir)) as session:
        assert session.start(HELLO)["op"] == "ready"
        with pytest.raises(SandboxFailure) as failure:
            session.request(RUN_ADD)
    assert failure.value.verdict == "MLE", failure.value.message


@pytest.mark.docker
@pytest.mark.slow
def test_infinite_loop_is_tle(backend, tmp_path):
    workdir = _submission(tmp_path, "def add(a, b):\n    while True:\n        pass\n")
    limits = Limits(cpu_seconds=2, wall_seconds=10, memory_mib=256, output_kib=64)
    with backend.open(_job(workdir, limits=limits)) as session:
        assert session.start(HELLO)["op"] == "ready"
        with pytest.raises(SandboxFailure) as failure:
            session.request(RUN_ADD)
    assert failure.value.verdict == "TLE", failure.value.message
    assert "CPU" in failure.value.message  # the CPU rlimit fired, not the judge's wall clock


@pytest.mark.docker
def test_output_flood_is_ole(backend, tmp_path):
    workdir = _submission(tmp_path, "def add(a, b):\n    print('x' * (1 << 20))\n    return 0\n")
    with backend.open(_job(workdir)) as session:
        assert session.start(HELLO)["op"] == "ready"
        with pytest.raises(SandboxFailure) as failure:
            session.request(RUN_ADD)
    assert failure.value.verdict == "OLE", failure.value.message


@pytest.mark.docker
def test_crash_is_re(backend, tmp_path):
    workdir = _submission(tmp_path, "import os\ndef add(a, b):\n    os._exit(7)\n")
    with backend.open(_job(workdir)) as session:
        assert session.start(HELLO)["op"] == "ready"
        with pytest.raises(SandboxFailure) as failure:
            session.request(RUN_ADD)
    assert failure.value.verdict == "RE"
    assert "code 7" in failure.value.message


@pytest.mark.docker
def test_no_container_left_after_close(backend, tmp_path):
    workdir = _submission(tmp_path, "def add(a, b):\n    return a + b\n")
    session = backend.open(_job(workdir))
    name = session.container.id
    assert _ours(backend.client())
    session.close()
    assert not _ours(backend.client())
    with pytest.raises(docker.errors.NotFound):
        backend.client().containers.get(name)


@pytest.fixture
def dead_pid(monkeypatch):
    """A judge pid that only this test believes dead. A truly dead one would be swept by the
    other test worker's judges too, racing the assertions; this is a live process of our own,
    alive for everyone else."""
    import subprocess

    import judge.sandbox.docker_backend as docker_backend
    ghost = subprocess.Popen(["sleep", "600"])
    alive = docker_backend._pid_alive
    monkeypatch.setattr(docker_backend, "_pid_alive", lambda pid: pid != ghost.pid and alive(pid))
    yield ghost.pid
    ghost.kill()
    ghost.wait()


def _labels_of(pid: int, own: bool = False) -> dict:
    """The labels a judge process `pid` of this host and PID namespace puts on its containers."""
    from judge.sandbox.docker_backend import START_LABEL, judge_identity

    labels = {LABEL: "1", **judge_identity(), PID_LABEL: str(pid)}
    labels.pop(START_LABEL)
    if not own:
        labels["judge.instance"] = "another-judge"
    return labels


@pytest.mark.docker
def test_cleanup_orphans_removes_dead_judges_containers(backend, dead_pid):
    client = backend.client()
    image = backend.image("python")
    orphan = client.containers.create(image, ["true"], labels=_labels_of(dead_pid), network_mode="none")
    mine = client.containers.create(image, ["true"], labels=_labels_of(os.getpid(), own=True), network_mode="none")
    stale = client.containers.create(image, ["true"], labels=_labels_of(os.getpid(), own=True), network_mode="none")
    _LIVE.add(mine.id)
    try:
        assert cleanup_orphans(client) >= 2
        for gone in (orphan, stale):  # a dead judge's, and ours that a failed removal left behind
            with pytest.raises(docker.errors.NotFound):
                client.containers.get(gone.id)
        client.containers.get(mine.id)  # one an open session of this process uses stays
    finally:
        _LIVE.discard(mine.id)
        for container in (orphan, mine, stale):
            try:
                container.remove(force=True)
            except docker.errors.NotFound:
                pass


@pytest.mark.docker
def test_cleanup_orphans_survives_a_container_removed_while_it_lists(backend, dead_pid, monkeypatch):
    """Other judges remove their containers at any moment; one that vanishes between the listing
    and its removal must not stop the sweep (CI once lost a whole sweep this way)."""
    client = backend.client()
    image = backend.image("python")
    orphans = [client.containers.create(image, ["true"], labels=_labels_of(dead_pid), network_mode="none")
               for _ in range(3)]
    real_list = client.api.containers

    def list_then_lose_one(*args, **kwargs):
        found = real_list(*args, **kwargs)
        orphans[0].remove(force=True)  # another judge's sweep got there first
        return found

    monkeypatch.setattr(client.api, "containers", list_then_lose_one)
    try:
        assert cleanup_orphans(client) >= 2
        monkeypatch.setattr(client.api, "containers", real_list)
        assert not sandbox_containers(client, dead_pid)
    finally:
        for container in orphans:
            try:
                container.remove(force=True)
            except docker.errors.NotFound:
                pass


@pytest.mark.docker
def test_an_interrupt_while_the_create_request_is_in_flight_leaves_no_container(backend, tmp_path):
    """The daemon made the container, but Ctrl-C arrived before its id reached the judge."""
    from judge.sandbox.docker_backend import DockerSession

    real = backend.client()

    class Containers:
        def create(self, **config):
            real.containers.create(**config)
            raise KeyboardInterrupt

    class Client:
        containers = Containers()
        api = real.api

    workdir = _submission(tmp_path, "def add(a, b):\n    return a + b\n")
    with pytest.raises(KeyboardInterrupt):
        DockerSession(_job(workdir), Client(), backend.image("python"))
    assert not _ours(real)
