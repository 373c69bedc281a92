"""The Docker backend's spare container: started while a job runs, used by exactly one later job,
never outliving the backend (or the judge process)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("docker", reason="docker-py is not installed: the Docker backend cannot be tested")

from judge.sandbox.docker_backend import DockerBackend, _ping, sandbox_containers  # noqa: E402
from judge.sandbox.session import Job, Limits  # noqa: E402

pytestmark = pytest.mark.docker

LIMITS = Limits(cpu_seconds=5, wall_seconds=10, memory_mib=256, output_kib=64)
HELLO = {"submission": "/job/submission.py", "names": ["who"], "support": None}
# each container's own evidence: a file the worker leaves in its /tmp, and whether an earlier one did
SOURCE = """
import os, socket
def who():
    seen = os.path.exists('/tmp/used')
    open('/tmp/used', 'w').close()
    return [socket.gethostname(), seen]
"""
ASK = {"op": "run", "calls": [{"target": None, "name": "who", "args": []}]}


@pytest.fixture
def backend():
    problem = _ping(timeout=2)
    if problem is not None:
        pytest.skip(f"no Docker daemon: {problem} (start one with scripts/setup-docker.sh)")
    backend = DockerBackend()
    backend.keep_spare = True
    backend.image("python")
    yield backend
    backend.close()


def _job(tmp_path: Path, name: str) -> Job:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "submission.py").write_text(SOURCE)
    return Job(workdir=folder, limits=LIMITS)


def _ours(backend) -> set[str]:
    import os

    return {c["Id"] for c in sandbox_containers(backend.client(), os.getpid())}


def test_no_spare_unless_asked(tmp_path):
    if _ping(timeout=2) is not None:
        pytest.skip("no Docker daemon")
    backend = DockerBackend()
    try:
        for number in range(2):
            session = backend.open(_job(tmp_path, f"job{number}"))
            session.close()
            assert not backend._spares and session.container.id not in _ours(backend)
    finally:
        backend.close()


def test_each_job_gets_a_fresh_container_and_the_next_one_is_started_meanwhile(backend, tmp_path):
    hosts, used = [], set()
    for number in range(3):
        session = backend.open(_job(tmp_path, f"job{number}"))
        used.add(session.container.id)
        assert session.start(HELLO)["op"] == "ready"
        host, seen = session.request(ASK)["outcomes"][0]["value"]
        assert seen is False  # nothing another submission did is visible
        hosts.append(host)
        if number >= 1:  # from the second job on, a spare is waiting besides the running one
            (spare,) = backend._spares.values()
            waiting = spare.take()
            assert waiting is not None and waiting.container.id not in used
            used.add(waiting.container.id)
        session.close()
    assert len(set(hosts)) == 3
    backend.close()
    assert not used & _ours(backend)  # the sessions' containers and the last spare are gone


def test_a_spare_is_removed_when_the_judge_process_exits(tmp_path):
    if _ping(timeout=2) is not None:
        pytest.skip("no Docker daemon")
    script = f"""
import os, sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from judge.sandbox.docker_backend import DockerBackend, sandbox_containers
from judge.sandbox.session import Job, Limits
backend = DockerBackend()
backend.keep_spare = True
for n in range(2):
    folder = Path({str(tmp_path)!r}) / f"j{{n}}"
    folder.mkdir()
    (folder / "submission.py").write_text("def who(): return 1\\n")
    session = backend.open(Job(workdir=folder, limits=Limits(5, 10, 256, 64)))
    session.start({{"submission": "/job/submission.py", "names": ["who"], "support": None}})
    session.close()
print(os.getpid(), len(sandbox_containers(backend.client(), os.getpid())))
"""  # exits without backend.close(): the atexit hook must remove the spare
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pid, alive = map(int, done.stdout.split())
    assert alive == 1  # the spare, before exit
    import docker

    client = docker.from_env()
    try:
        assert sandbox_containers(client, pid) == []
    finally:
        client.close()
