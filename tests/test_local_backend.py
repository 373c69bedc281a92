"""The local process sandbox: who its worker runs as, and how its resources are read.

These talk to `LocalBackend` directly (no CLI), with a one-function interface `add`.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sandbox.local import LocalBackend
from sandbox.session import Job, Limits, SandboxFailure

LIMITS = Limits(cpu_seconds=5, wall_seconds=10, memory_mib=128, output_kib=64)
HELLO = {"submission": None, "names": ["add"], "support": None}
RUN_ADD = {"op": "run", "calls": [{"target": None, "name": "add", "args": [1, 2]}]}
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="the local sandbox only changes uid when the judge is root")


def _open(tmp_path: Path, source: str, name: str = "job"):
    workdir = tmp_path / name
    workdir.mkdir()
    (workdir / "submission.py").write_text(source)
    session = LocalBackend().open(Job(workdir=workdir, names=("add",), limits=LIMITS))
    return session, {**HELLO, "submission": str(workdir / "submission.py")}


@as_root
def test_each_worker_runs_as_a_uid_of_its_own_and_cannot_signal_another(tmp_path):
    probe = ("import os, signal\n"
             "def add(a, b):\n"
             "    if b is None:\n"
             "        return [os.getuid(), os.getgid(), os.getpid()]\n"
             "    try:\n"
             "        os.kill(b, signal.SIGKILL)\n"
             "        return 'killed'\n"
             "    except PermissionError:\n"
             "        return 'PermissionError'\n")
    first, hello_first = _open(tmp_path, probe, "first")
    second, hello_second = _open(tmp_path, probe, "second")
    ask = {"op": "run", "calls": [{"target": None, "name": "add", "args": [0, None]}]}
    try:
        assert first.start(hello_first)["op"] == "ready"
        assert second.start(hello_second)["op"] == "ready"
        uid1, gid1, pid1 = first.request(ask)["outcomes"][0]["value"]
        uid2, gid2, _ = second.request(ask)["outcomes"][0]["value"]
        assert uid1 != uid2 and (uid1, gid1) == (uid1, uid1)
        assert 0 not in (uid1, uid2, gid1, gid2) and 65534 not in (uid1, uid2)
        kill = {"op": "run", "calls": [{"target": None, "name": "add", "args": [0, pid1]}]}
        assert second.request(kill)["outcomes"][0]["value"] == "PermissionError"
        assert first.request(ask)["outcomes"][0]["value"][2] == pid1  # still alive
    finally:
        first.close()
        second.close()


def test_an_exit_is_not_a_memory_verdict_even_when_the_judge_is_large(tmp_path):
    # A forked child starts with its parent's resident size as its high-water mark: a judge
    # holding more than the limit must not read a plain exit as MLE.
    ballast = bytearray(3 * LIMITS.memory_mib << 20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])
    session, hello = _open(tmp_path, "import os\nos._exit(0)\n")
    try:
        with pytest.raises(SandboxFailure) as failure:
            session.start(hello)
    finally:
        session.close()
    assert failure.value.verdict == "RE", failure.value.message
    assert len(ballast) == 3 * LIMITS.memory_mib << 20


def test_a_memory_bomb_is_still_mle(tmp_path):
    source = ("def add(a, b):\n"
              "    x = bytearray(400 << 20)\n"
              "    x[::4096] = b'\\x01' * len(x[::4096])\n"
              "    return len(x)\n")
    session, hello = _open(tmp_path, source)
    try:
        assert session.start(hello)["op"] == "ready"
        reply = session.request(RUN_ADD)
    finally:
        session.close()
    (outcome,) = reply["outcomes"]
    assert outcome["raise"]["type"] == "builtins.MemoryError"  # RLIMIT_DATA: the runner calls this MLE
