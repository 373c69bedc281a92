"""Every challenge in the catalog: its reference is accepted and each wrong/ submission gets the
verdict it declares (seed 1, local sandbox). `judge check` adds more seeds and mutation scores."""
from __future__ import annotations

import pytest

from conftest import CHALLENGES
from judge.challenge import load_challenge

FOLDERS = sorted(p.parent for p in CHALLENGES.glob("*/challenge.yaml"))
CASES = [(folder.name, folder / "reference.py", "AC") for folder in FOLDERS]
for folder in FOLDERS:
    for wrong in load_challenge(folder).wrong:
        CASES.append((folder.name, wrong.path, wrong.expected))


@pytest.mark.parametrize("challenge, submission, verdict", CASES,
                         ids=[f"{c}/{s.parent.name}/{s.name}" if s.parent.name == "wrong" else f"{c}/reference"
                              for c, s, _ in CASES])
def test_declared_verdict(judge_json, challenge, submission, verdict):
    folder = CHALLENGES / challenge
    if load_challenge(folder).runtime == "torch-gpu":
        pytest.skip("needs a CUDA GPU")
    code, result = judge_json(challenge, submission, "--seed", "1")
    assert result["verdict"] == verdict, f"{result['message']}\n{result.get('counterexample')}"
    assert code == (0 if verdict == "AC" else 1)


def test_every_challenge_is_listed_and_loads(judge_cli):
    code, out, err = judge_cli("list")
    assert code == 0 and "broken" not in err
    listed = {line.split()[0] for line in out.splitlines()[1:]}
    assert listed >= {folder.name for folder in FOLDERS}


def test_check_targets_come_from_the_catalogs_discovery(tmp_path):
    """`judge check --challenges-dir DIR` and the catalog find the same folders, one way."""
    import argparse

    from judge.catalog import ChallengesDir, challenge_folders
    from judge.check import _targets
    from judge.plugins import make_plugin_manager
    from judge.scaffold import new_challenge

    one = new_challenge(tmp_path, "b_one", "coding")
    two = new_challenge(tmp_path, "a_two", "coding")
    (tmp_path / "not_a_challenge").mkdir()
    assert challenge_folders(tmp_path) == [two, one]
    assert challenge_folders(one) == [one]
    args = argparse.Namespace(ids=[], all=False, pack=None, challenges_dir=[tmp_path, one])
    assert _targets(args, make_plugin_manager((ChallengesDir(tmp_path),))) == [two, one, one]
