"""judge.scaffold: `judge new` writes a loadable challenge folder that tells the author what to fill in.

That the generated folder passes every check (mutation included) is tested in test_check.py.
"""
from __future__ import annotations

import argparse

import pytest

from judge.challenge import CATEGORIES, load_challenge
from judge.errors import JudgeError
from judge.mutation import generate_mutants
from judge.scaffold import add_new_arguments, command_new, new_challenge


def test_new_challenge_writes_a_loadable_folder(tmp_path):
    folder = new_challenge(tmp_path, "two_sum", "dsa")
    assert folder == tmp_path / "two_sum"
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == ["challenge.yaml", "properties.py", "reference.py", "spec.md", "wrong/empty_list_crashes.py",
                     "wrong/ignores_negatives.py", "wrong/off_by_one.py", "wrong/returns_float.py"]
    challenge = load_challenge(folder)
    assert (challenge.id, challenge.category, challenge.interface) == ("two_sum", "dsa", ("solve",))
    assert sorted(w.expected for w in challenge.wrong) == ["RE", "WA", "WA", "WA"]
    for name in ("challenge.yaml", "spec.md", "reference.py", "properties.py", "wrong/off_by_one.py"):
        assert "TODO" in (folder / name).read_text(), name  # each file tells the author what to replace
    assert len(generate_mutants(challenge.reference_path.read_text())) >= 5


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category(tmp_path, category):
    assert load_challenge(new_challenge(tmp_path, "x1", category)).category == category


def test_bad_arguments_and_existing_folders_are_refused(tmp_path):
    with pytest.raises(JudgeError, match="lowercase identifier"):
        new_challenge(tmp_path, "Two-Sum", "dsa")
    with pytest.raises(JudgeError, match="category 'cooking'"):
        new_challenge(tmp_path, "two_sum", "cooking")
    new_challenge(tmp_path, "two_sum", "dsa")
    with pytest.raises(JudgeError, match="already exists"):
        new_challenge(tmp_path, "two_sum", "dsa")


def test_command_new(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_new_arguments(parser)
    assert command_new(parser.parse_args(["my_challenge", "--category", "genai", "--dest", str(tmp_path)])) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "my_challenge") in out and "judge check" in out
    assert load_challenge(tmp_path / "my_challenge").category == "genai"
