"""The `judge_result_formats` hook: the JSON format's shape, and which plugin wins a name."""
from __future__ import annotations

import json
import shutil

from conftest import CHALLENGES
from judge import hookimpl
from judge.backends import backends_by_name
from judge.catalog import Catalog, ChallengesDir
from judge.plugins import make_plugin_manager, result_formats
from judge.result import Result, Verdict


def _results() -> list[Result]:
    return [Result(verdict=Verdict.AC, challenge="lru_cache", seed=1),
            Result(verdict=Verdict.WA, challenge="lru_cache", seed=1, message="expected -1, got 0")]


def test_the_json_document_has_the_same_shape_for_one_result_and_for_two():
    render = result_formats(make_plugin_manager())["json"]
    one = json.loads(render(_results()[:1]))
    two = [json.loads(line) for line in render(_results()).splitlines()]
    assert one == _results()[0].to_dict()
    assert [set(d) for d in two] == [set(one), set(one)]
    assert [d["verdict"] for d in two] == ["AC", "WA"]


class Replacement:
    """A plugin that provides a name each hook's built-ins already provide."""

    def __init__(self, folder) -> None:
        self.folder = folder

    @hookimpl
    def judge_result_formats(self):
        return {"text": lambda results: "replaced"}

    @hookimpl
    def judge_sandbox_backends(self):
        local = backends_by_name(make_plugin_manager())["local"]
        return [type("Local", (), {"name": "local", "notice": "", "available": lambda self: True,
                                   "open": local.open})()]

    @hookimpl
    def judge_challenge_dirs(self):
        return [self.folder]


def test_a_plugin_registered_later_wins_a_name_for_every_hook(tmp_path):
    shutil.copytree(CHALLENGES / "lru_cache", tmp_path / "lru_cache")
    pm = make_plugin_manager((Replacement(tmp_path),))
    assert result_formats(pm)["text"](_results()) == "replaced"
    assert type(backends_by_name(pm)["local"]).__name__ == "Local"
    assert Catalog(pm).folders["lru_cache"] == tmp_path / "lru_cache"
    # and --challenges-dir, registered last of all, wins over every other plugin
    other = tmp_path / "other"
    shutil.copytree(CHALLENGES / "lru_cache", other / "lru_cache")
    pm = make_plugin_manager((Replacement(tmp_path), ChallengesDir(other)))
    assert Catalog(pm).folders["lru_cache"] == other / "lru_cache"
