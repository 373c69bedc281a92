"""Judges that share one Docker daemon but not a host or PID namespace leave each other's running
containers alone; only provably orphaned containers are removed (issue 11 item 12)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from judge.sandbox import docker_backend
from judge.sandbox.docker_backend import (EXPIRES_LABEL, HOST_LABEL, INSTANCE_LABEL, LABEL, PID_LABEL, PIDNS_LABEL,
                                    START_LABEL, is_orphan, judge_identity)
from tests.conftest import CHALLENGES, ROOT


def _container(**labels) -> dict:
    return {"Id": "c" * 64, "Created": time.time(), "Labels": {LABEL: "1", **labels}}


def _here(pid: int, **extra) -> dict:
    """Labels of a judge `pid` on this host, in this PID namespace, another instance than ours."""
    identity = judge_identity()
    return {HOST_LABEL: identity[HOST_LABEL], PIDNS_LABEL: identity[PIDNS_LABEL], PID_LABEL: str(pid),
            INSTANCE_LABEL: "someone-else", EXPIRES_LABEL: str(time.time() + 600), **extra}


def test_a_live_judge_in_another_pid_namespace_keeps_its_container():
    # PID 1 of another namespace, or any PID that is dead here: nothing can be concluded from it
    other_namespace = _here(999_999, **{PIDNS_LABEL: "4026531999"})
    assert not is_orphan(_container(**other_namespace))
    other_host = _here(999_999, **{HOST_LABEL: "another-boot-id"})
    assert not is_orphan(_container(**other_host))


def test_past_its_expiry_any_judges_container_is_an_orphan():
    expired = _here(999_999, **{PIDNS_LABEL: "4026531999", EXPIRES_LABEL: str(time.time() - 1)})
    assert is_orphan(_container(**expired))


def test_same_namespace_dead_or_reused_pid_is_an_orphan_a_live_one_is_not():
    assert is_orphan(_container(**_here(999_999_999)))  # no such process
    me = judge_identity()
    assert not is_orphan(_container(**_here(os.getpid(), **{START_LABEL: me[START_LABEL]})))
    assert is_orphan(_container(**_here(os.getpid(), **{START_LABEL: "1"})))  # the PID was reused


def test_labels_of_older_judges_count_only_by_age():
    legacy = {"Id": "d" * 64, "Labels": {LABEL: "1", PID_LABEL: "999999999"}}
    assert not is_orphan({**legacy, "Created": time.time()})
    assert is_orphan({**legacy, "Created": time.time() - docker_backend.LEGACY_AGE_SECONDS - 1})


def test_our_own_container_is_an_orphan_only_when_no_session_uses_it():
    mine = _container(**judge_identity())
    assert is_orphan(mine)
    docker_backend._LIVE.add(mine["Id"])
    try:
        assert not is_orphan(mine)
    finally:
        docker_backend._LIVE.discard(mine["Id"])


@pytest.mark.docker
@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs unshare and root")
def test_two_judges_in_separate_pid_namespaces_both_get_their_verdicts():
    if docker_backend._ping(timeout=2) is not None:
        pytest.skip("no Docker daemon")
    reference = CHALLENGES / "flatten" / "reference.py"
    command = [sys.executable, "-m", "judge.cli", "run", "challenge", "flatten", str(reference),
               "--sandbox", "docker", "--json"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    import docker

    client = docker.from_env()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not docker_backend.sandbox_containers(client, first.pid):
            time.sleep(0.1)
        assert docker_backend.sandbox_containers(client, first.pid), "the first judge never started a container"
        # the second judge lives in a new PID namespace: the first judge's PID means nothing there,
        # and its start-up sweep must not take the first judge's running container for an orphan
        second = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", *command], cwd=ROOT,
                                capture_output=True, text=True, timeout=300)
        out, err = first.communicate(timeout=300)
    finally:
        client.close()
        if first.poll() is None:
            first.kill()
    assert json.loads(out)["verdict"] == "AC", err
    assert json.loads(second.stdout)["verdict"] == "AC", second.stderr
