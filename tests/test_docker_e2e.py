"""The whole path through the real Docker daemon: `judge run ... --sandbox docker`."""
from __future__ import annotations

import pytest

from conftest import CHALLENGES, SUBMISSIONS
from judge.sandbox.docker_backend import DockerBackend, sandbox_containers

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module", autouse=True)
def _daemon():
    backend = DockerBackend()
    if not backend.available():
        pytest.skip(f"no Docker daemon: {backend.why_unavailable}")


def _labelled_containers() -> list:
    import docker

    import os

    client = docker.from_env()
    try:  # ours only: other judges may share the daemon
        return sandbox_containers(client, os.getpid())
    finally:
        client.close()


def test_reference_style_solution_is_accepted_in_docker(judge_json):
    code, result = judge_json("lru_cache", SUBMISSIONS / "lru_ok.py", "--seed", "2", sandbox="docker")
    assert (code, result["verdict"], result["sandbox"]) == (0, "AC", "docker")
    assert result["peak_memory_mib"] and result["cpu_seconds"] > 0
    assert _labelled_containers() == []


@pytest.mark.parametrize("wrong", sorted(p.name for p in (CHALLENGES / "lru_cache" / "wrong").glob("*.py")))
def test_each_wrong_lru_cache_gets_its_verdict_in_docker(judge_json, wrong):
    from judge.challenge import read_expected_verdict

    path = CHALLENGES / "lru_cache" / "wrong" / wrong
    expected, _ = read_expected_verdict(path)
    code, result = judge_json("lru_cache", path, "--seed", "1", sandbox="docker")
    assert (code, result["verdict"]) == (1, expected), result["message"]
    if expected == "WA":
        assert result["counterexample"].startswith("c = LRUCache(")
    assert _labelled_containers() == []


def test_unknown_runtime_is_a_clear_error(judge_cli):
    code, out, err = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--runtime", "no-such-runtime")
    assert code == 2 and out == ""
    assert err.strip() == "judge: error: the Docker daemon has no runtime 'no-such-runtime' (is gVisor installed and registered?)"


def test_runtime_reaches_the_container_config(tmp_path):
    from judge.sandbox.docker_backend import container_config
    from judge.sandbox.session import Job, Limits

    job = Job(workdir=tmp_path, limits=Limits(1, 2, 64, 1))
    assert container_config(job, "img", "runsc")["runtime"] == "runsc"
    assert "runtime" not in container_config(job, "img")


@pytest.mark.parametrize("submission, verdict", [
    ("reference.py", "AC"), ("wrong/scales_q_in_place.py", "WA"), ("wrong/returns_float32.py", "WA"),
])
def test_self_attention_in_the_torch_image(judge_json, submission, verdict):
    code, result = judge_json("self_attention", CHALLENGES / "self_attention" / submission, "--seed", "1",
                              sandbox="docker")
    assert result["verdict"] == verdict, result["message"]
    if submission.endswith("in_place.py"):
        assert "the call changed argument 1" in result["message"]
    assert _labelled_containers() == []
