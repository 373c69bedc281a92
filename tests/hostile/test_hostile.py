"""The hostile-submission suite: each submission attacks the judge; none may ever be AC.

Every case runs on both sandboxes (Docker against the real daemon, skipped with a reason where none
answers) and asserts: the exact verdict (or the documented set), an answer within the limits plus
a margin, and a host left as it was: no container, no sandbox process or cgroup, no temp folder,
no open file descriptor left behind. Cases the local sandbox cannot contain are listed in
LOCAL_CANNOT_CONTAIN and in SECURITY.md, and are not run there.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from judge.challenge import read_expected_verdict
from judge.sandbox.docker_backend import sandbox_containers
from judge.sandbox.local import private_scratch_supported

HERE = Path(__file__).parent
SUBMISSIONS = sorted((HERE / "submissions").glob("*.py"))
LIMITS = {"cpu_seconds": 3, "wall_seconds": 8, "memory_mib": 128, "output_kib": 16}
MARGIN_S = 30  # start-up, image checks and clean-up on a loaded 2-core machine

# What the local sandbox cannot contain (see SECURITY.md): never run there.
LOCAL_CANNOT_CONTAIN = {} if private_scratch_supported() else {  # root: its scratch is a bounded tmpfs
    "fill_tmp.py": "without root (or a mount namespace), the local sandbox's scratch is on the host disk, with no quota",
}
# Where the local sandbox gives a documented, weaker outcome than Docker (still never AC).
LOCAL_WEAKER = {  # name: (verdicts it may get there, why)
    "search_for_reference.py": ({"RE", "TLE"}, "the local sandbox shares the host's filesystem view: the judge's "
                                               "files are readable, and the walk may run out of CPU time first"),
}
# What an escape attempt's message must show in Docker (proof it failed for the right reason).
DOCKER_MESSAGES = {
    "search_for_reference.py": "no judge files anywhere",
    "search_gc_for_reference.py": "no reference in this process",
    "setuid_root.py": "PermissionError",
    "kill_pid1_and_parent.py": "still here",
    "connect_localhost.py": "no connection possible",
    "ptrace_parent.py": "ptrace attach refused: pid 1 EPERM",  # seccomp.json (Docker's default profile allows it)
}

# ... and on both backends: forged frames are refused at the first one, whatever the timing.
MESSAGES = {
    "fake_frames_everywhere.py": "answered a question nobody asked",
}


def _expected(path: Path) -> set[str]:
    verdict, why = read_expected_verdict(path)
    extra = re.match(r"^((?:[A-Z]{2,3}\s+)*)", why).group(1).split()
    return {verdict, *extra}


@pytest.fixture(scope="module")
def tight_pack(tmp_path_factory):
    """lru_cache with small limits, so that every attack ends within seconds."""
    from conftest import CHALLENGES

    target = tmp_path_factory.mktemp("hostile") / "lru_cache"
    shutil.copytree(CHALLENGES / "lru_cache", target)
    data = yaml.safe_load((target / "challenge.yaml").read_text())
    data["limits"] = LIMITS
    (target / "challenge.yaml").write_text(yaml.safe_dump(data))
    return target.parent


@pytest.fixture
def private_tmp(monkeypatch):
    """A temp root of our own: whatever the judge leaves behind in it is ours to see."""
    root = Path(tempfile.mkdtemp(prefix="judge-hostile-", dir="/tmp"))
    os.chmod(root, 0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _docker_or_skip():
    from judge.sandbox.docker_backend import DockerBackend

    backend = DockerBackend()
    if not backend.available():
        pytest.skip(f"no Docker daemon: {backend.why_unavailable}")


def _containers() -> list:
    import docker

    client = docker.from_env()
    try:  # ours only: other judges may share the daemon
        return sandbox_containers(client, os.getpid())
    finally:
        client.close()


def _fds_settle_to(limit: int, seconds: float = 3.0) -> int:
    deadline = time.monotonic() + seconds
    while (count := len(os.listdir("/proc/self/fd"))) > limit and time.monotonic() < deadline:
        time.sleep(0.05)
    return count


def _our_cgroups() -> list[str]:
    roots = [Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")]
    return [p.name for root in roots if root.is_dir() for p in root.glob(f"judge-local-{os.getpid()}-*")]


@pytest.mark.parametrize("backend", ["docker", "local"])
@pytest.mark.parametrize("submission", SUBMISSIONS, ids=[p.name for p in SUBMISSIONS])
def test_hostile_submission_is_contained(judge_json, tight_pack, private_tmp, submission, backend):
    if backend == "docker":
        _docker_or_skip()
    elif submission.name in LOCAL_CANNOT_CONTAIN:
        pytest.skip(f"documented in SECURITY.md: {LOCAL_CANNOT_CONTAIN[submission.name]}")
    fds_before = len(os.listdir("/proc/self/fd"))
    started = time.monotonic()
    code, result = judge_json("lru_cache", submission, "--seed", "1", "--challenges-dir", tight_pack, sandbox=backend)
    elapsed = time.monotonic() - started

    assert result["verdict"] != "AC" and code == 1
    allowed = LOCAL_WEAKER[submission.name][0] if backend == "local" and submission.name in LOCAL_WEAKER \
        else _expected(submission)
    assert result["verdict"] in allowed, f"{result['verdict']}: {result['message']}"
    if backend == "docker" and submission.name in DOCKER_MESSAGES:
        assert DOCKER_MESSAGES[submission.name] in result["message"], result["message"]
    if submission.name in MESSAGES:
        assert MESSAGES[submission.name] in result["message"], result["message"]
    assert result["wall_seconds"] <= LIMITS["wall_seconds"] + 2
    assert elapsed <= LIMITS["wall_seconds"] + MARGIN_S
    # the host is unharmed: nothing left behind
    assert list(private_tmp.iterdir()) == []
    assert _fds_settle_to(fds_before) <= fds_before  # threads of earlier runs may close theirs a moment later
    assert _our_cgroups() == []
    if backend == "docker":
        assert _containers() == []


@pytest.mark.parametrize("backend", ["docker", "local"])
def test_a_huge_source_file_is_a_compile_error(judge_json, tmp_path, backend):
    if backend == "docker":
        _docker_or_skip()
    big = tmp_path / "big.py"
    big.write_text("x = 1\n" * (10 * 2**20 // 6 + 1))
    code, result = judge_json("lru_cache", big, sandbox=backend)
    assert (code, result["verdict"]) == (1, "CE") and "larger than 1 MiB" in result["message"]


def test_a_directory_instead_of_a_file_is_a_usage_error(judge_cli, tmp_path):
    code, out, err = judge_cli("run", "challenge", "lru_cache", tmp_path, "--sandbox", "local")
    assert code == 2 and out == "" and "is a directory" in err


def test_the_suite_is_large_enough():
    assert len(SUBMISSIONS) >= 30
