"""The local process sandbox: who its worker runs as, and how its resources are read.

These talk to `LocalBackend` directly (no CLI), with a one-function interface `add`.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from judge.sandbox.local import LocalBackend, private_scratch_supported
from judge.sandbox.session import Job, Limits, SandboxFailure

LIMITS = Limits(cpu_seconds=5, wall_seconds=10, memory_mib=128, output_kib=64)
HELLO = {"submission": None, "names": ["add"], "support": None}
RUN_ADD = {"op": "run", "calls": [{"target": None, "name": "add", "args": [1, 2]}]}
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="the local sandbox only changes uid when the judge is root")


def _open(tmp_path: Path, source: str, name: str = "job"):
    workdir = tmp_path / name
    workdir.mkdir()
    (workdir / "submission.py").write_text(source)
    session = LocalBackend().open(Job(workdir=workdir, limits=LIMITS))
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


@pytest.mark.skipif(not private_scratch_supported(), reason="needs root and a mount namespace")
def test_the_worker_writes_only_to_a_private_bounded_scratch_folder(tmp_path):
    """The host's world-writable folders are read-only to the worker, and its own scratch folder is
    a tmpfs of 64 MiB that vanishes with it: a submission can neither fill the host's disk nor
    leave files behind."""
    probe = ("import errno, os, tempfile\n"
             "def add(a, b):\n"
             "    if a == 'shared':\n"
             "        out = []\n"
             "        for folder in ('/tmp', '/var/tmp', '/dev/shm', '/run/lock'):\n"
             "            try:\n"
             "                open(os.path.join(folder, b), 'w').close()\n"
             "                out.append([folder, 'written'])\n"
             "            except OSError as e:\n"
             "                out.append([folder, errno.errorcode[e.errno]])\n"
             "        return out\n"
             "    written = 0\n"
             "    try:\n"
             "        for i in range(100):\n"
             "            with open(os.path.join(tempfile.gettempdir(), f'fill-{i}'), 'wb') as h:\n"
             "                h.write(bytes(8 << 20))\n"
             "            written += 8\n"
             "    except OSError as e:\n"
             "        return [written, errno.errorcode[e.errno]]\n"
             "    return [written, None]\n")
    marker = f"judge-probe-{os.getpid()}"
    session, hello = _open(tmp_path, probe)
    try:
        assert session.start(hello)["op"] == "ready"
        shared = {"op": "run", "calls": [{"target": None, "name": "add", "args": ["shared", marker]}]}
        found = dict(session.request(shared)["outcomes"][0]["value"])  # a list on the wire: no dict tags
        assert {folder: why for folder, why in found.items() if os.path.isdir(folder)} == \
            {folder: "EROFS" for folder in found if os.path.isdir(folder)}
        fill = {"op": "run", "calls": [{"target": None, "name": "add", "args": ["fill", None]}]}
        written, why = session.request(fill)["outcomes"][0]["value"]
        assert why == "ENOSPC" and 48 <= written <= 64
        scratch = session._scratch
    finally:
        session.close()
    assert not any(Path(folder, marker).exists() for folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock"))
    assert not scratch.exists()


def test_where_no_mount_namespace_is_allowed_the_notice_does_not_claim_a_private_scratch(monkeypatch):
    import judge.sandbox.local as local
    monkeypatch.setattr(local, "_PRIVATE_SCRATCH", None)
    monkeypatch.setattr(local, "_private_scratch", lambda folder, uid: False)  # as in an unprivileged container
    assert not local.private_scratch_supported()
    assert "scratch" not in LocalBackend().notice and "weaker isolation than Docker" in LocalBackend().notice
