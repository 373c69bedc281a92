"""The sandbox backend contract (judge.backends): one Protocol, `auto` in each backend's declared
order, every lookup through the `judge_sandbox_backends` hook, clean-up after an interrupt."""
from __future__ import annotations

import pytest

from judge import hookimpl, mutation, pool
from judge.backends import (SandboxBackend, backends_by_name, choose_backend, open_backend,
                            remove_leftovers, remove_leftovers_of)
from judge.challenge import load_challenge
from judge.errors import JudgeError
from judge.plugins import make_plugin_manager
from judge.sandbox.docker_backend import DockerBackend
from judge.sandbox.local import LocalBackend, LocalSession
from judge.scaffold import new_challenge

NO_DAEMON = "unix:///nonexistent/docker.sock"


class ThirdParty:
    """A backend as a plugin author writes one: the required members, a declared rank, a clean-up."""

    notice = "third-party sandbox"

    def __init__(self, name: str, auto_rank: int | None, available: bool = True) -> None:
        self.name, self.auto_rank, self._available = name, auto_rank, available
        self.leftovers_removed: list = []

    def available(self) -> bool:
        return self._available

    def open(self, job):
        return LocalSession(job)

    def remove_leftovers(self, pids=None) -> None:
        self.leftovers_removed.append(pids)


class Pack:
    def __init__(self, *backends) -> None:
        self.backends = backends

    @hookimpl
    def judge_sandbox_backends(self):
        return list(self.backends)


def test_both_builtin_backends_satisfy_the_protocol():
    for backend in (DockerBackend(), LocalBackend()):
        assert isinstance(backend, SandboxBackend), backend.name
    assert isinstance(ThirdParty("x", 1), SandboxBackend) is False  # optional members left out: still usable


def test_backends_by_name_maps_each_name_to_its_backend():
    fast = ThirdParty("fast", 50)
    backends = backends_by_name(make_plugin_manager((Pack(fast),)))
    assert backends["fast"] is fast
    assert isinstance(backends["local"], LocalBackend) and isinstance(backends["docker"], DockerBackend)


@pytest.mark.parametrize("rank, chosen", [(5, "fast"), (50, "fast"), (150, "local"), (None, "local")])
def test_auto_takes_a_third_party_backend_in_its_declared_order(monkeypatch, rank, chosen):
    monkeypatch.setenv("DOCKER_HOST", NO_DAEMON)  # docker (rank 10) does not answer
    backend, notice = choose_backend(make_plugin_manager((Pack(ThirdParty("fast", rank)),)), "auto")
    assert backend.name == chosen
    if rank == 5:
        assert notice == ""  # nothing preferred was skipped
    else:
        assert notice.startswith("no docker sandbox is available; using the ")


def test_a_backend_without_a_rank_is_only_chosen_by_name():
    pm = make_plugin_manager((Pack(ThirdParty("manual", None)),))
    assert choose_backend(pm, "manual")[0].name == "manual"


def test_unavailable_backends_are_skipped_and_named(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", NO_DAEMON)
    pm = make_plugin_manager((Pack(ThirdParty("first", 1, available=False)),))
    backend, notice = choose_backend(pm, "auto")
    assert backend.name == "local"
    assert notice.startswith("no first or docker sandbox is available; using the local process sandbox")


def test_an_interrupt_reaches_every_chosen_backend():
    mine = ThirdParty("mine", None)
    choose_backend(make_plugin_manager((Pack(mine),)), "mine")
    remove_leftovers()
    assert mine.leftovers_removed == [None]


def test_ended_workers_leftovers_go_to_the_backend_the_sandbox_names():
    mine, other = ThirdParty("mine", None), ThirdParty("other", 5)
    pm = make_plugin_manager((Pack(mine, other),))
    remove_leftovers_of(pm, "mine", [7, 8])
    assert (mine.leftovers_removed, other.leftovers_removed) == ([{7, 8}], [])
    remove_leftovers_of(pm, "auto", [9])  # under auto any backend may have been chosen: each is asked
    assert (mine.leftovers_removed[-1], other.leftovers_removed) == ({9}, [{9}])


def test_runtime_is_refused_by_a_backend_without_a_choice_of_runtime():
    pm = make_plugin_manager((Pack(ThirdParty("plain", None)),))
    for name in ("local", "plain"):
        with pytest.raises(JudgeError, match=f"--runtime: the {name} sandbox runs under no choice of runtime"):
            open_backend(pm, name, "runsc")


def test_mutants_run_on_the_sandbox_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", NO_DAEMON)
    monkeypatch.setattr(pool, "_BACKENDS", {})
    challenge = load_challenge(new_challenge(tmp_path, "tiny", "coding"))
    report = mutation.run_mutation(challenge, max_examples=5, max_mutants=2, jobs=1, sandbox="docker")
    assert len(report.mutants) == 2
    for mutant in report.mutants:  # judged on docker, which does not answer here: not on local
        assert (mutant.status, mutant.verdict) == ("error", "IE")
        assert "the docker sandbox is not available here" in mutant.message


def test_check_names_an_unknown_mutant_sandbox_in_one_line(judge_cli, tmp_path):
    new_challenge(tmp_path, "tiny", "coding")
    code, out, err = judge_cli("check", "--challenges-dir", tmp_path, "--sandbox", "local", "--mutant-sandbox", "vm")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown sandbox 'vm'" in err
