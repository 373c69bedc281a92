"""challenge.yaml validation: every error names the file, the field and what was expected."""
from __future__ import annotations

import pytest
import yaml

from judge.challenge import ChallengeError, load_challenge


def _write(folder, **changes):
    data = yaml.safe_load((folder / "challenge.yaml").read_text())
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    (folder / "challenge.yaml").write_text(yaml.safe_dump(data))


def test_the_model_challenge_loads(challenge_copy):
    challenge = load_challenge(challenge_copy("lru_cache"))
    assert challenge.id == "lru_cache" and challenge.interface == ("LRUCache",)
    assert challenge.limits.memory_mib == 256
    assert {w.expected for w in challenge.wrong} == {"WA", "TLE"}
    assert all(w.why for w in challenge.wrong)


@pytest.mark.parametrize("changes, message", [
    ({"category": "misc"}, "field 'category' is 'misc', expected dsa or coding or system-design or genai"),
    ({"runtime": None}, "field 'runtime' is missing"),
    ({"id": "other"}, "field 'id' is 'other', expected the folder name 'lru_cache'"),
    ({"interface": []}, "field 'interface' is empty"),
    ({"interface": "LRUCache"}, "field 'interface' is 'LRUCache', expected a list of names"),
    ({"limits": {"cpu_seconds": -1, "wall_seconds": 1, "memory_mib": 64, "output_kib": 1}},
     "limits: field 'cpu_seconds' is -1, expected a positive number"),
    ({"colour": "red"}, "unknown field 'colour'"),
])
def test_invalid_fields_are_named(challenge_copy, changes, message):
    folder = challenge_copy("lru_cache")
    _write(folder, **changes)
    with pytest.raises(ChallengeError) as info:
        load_challenge(folder)
    assert str(info.value).startswith(str(folder / "challenge.yaml"))
    assert message in str(info.value)


def test_invalid_yaml_and_missing_files(challenge_copy):
    folder = challenge_copy("lru_cache")
    (folder / "challenge.yaml").write_text("id: [unclosed\n")
    with pytest.raises(ChallengeError, match="not valid YAML at line"):
        load_challenge(folder)
    (folder / "challenge.yaml").write_text(_model_yaml())
    (folder / "properties.py").unlink()
    with pytest.raises(ChallengeError, match="missing properties.py"):
        load_challenge(folder)


def _model_yaml() -> str:
    from conftest import CHALLENGES

    return (CHALLENGES / "lru_cache" / "challenge.yaml").read_text()


def test_wrong_submission_must_declare_its_verdict(challenge_copy):
    folder = challenge_copy("lru_cache")
    (folder / "wrong" / "undeclared.py").write_text("class LRUCache: pass\n")
    challenge = load_challenge(folder)  # judging it needs no wrong/ file: they are read when asked for
    with pytest.raises(ChallengeError, match="no '# expect: VERDICT' line"):
        challenge.wrong
    from judge.check import check_folder
    from judge.sandbox.local import LocalBackend

    report = check_folder(folder, LocalBackend())  # `judge check` says so first, judging nothing
    assert not report.checks[0].passed and "undeclared.py: no '# expect: VERDICT' line" in report.checks[0].details
    assert all(check.skipped for check in report.checks[1:])


def test_profiles_and_the_id_pattern_are_written_once():
    """The runtime profiles and the challenge id pattern have one home each; the JSON schema, the
    scaffold and `judge sandbox build` follow them."""
    import json

    from judge.challenge import CHALLENGE_ID, RUNTIMES, SCHEMA_PATH
    from judge.cli import build_parser
    from judge.sandbox import images
    from judge.sandbox.session import PROFILES
    from judge.scaffold import CHALLENGE_YAML

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert RUNTIMES is PROFILES and images.PROFILES is PROFILES
    assert tuple(schema["properties"]["runtime"]["enum"]) == PROFILES
    assert schema["properties"]["id"]["pattern"] == CHALLENGE_ID.pattern
    assert "{runtimes}" in CHALLENGE_YAML
    build = build_parser()._subparsers._group_actions[0].choices["sandbox"]._subparsers._group_actions[0].choices["build"]
    assert next(a for a in build._actions if a.dest == "profile").choices is PROFILES


def test_the_source_question_is_named_apart_from_the_random_seed(challenge_copy, judge_cli):
    """`source_question` is where a challenge comes from; `seed:`, its old name, is still read; both
    at once is one clear error; neither names the new field."""
    folder = challenge_copy("lru_cache")
    question = load_challenge(folder).source_question
    assert question.startswith("Data Structures and Algorithms")
    _write(folder, source_question=None, seed=question)
    assert load_challenge(folder).source_question == question
    _write(folder, source_question=question)
    with pytest.raises(ChallengeError, match="field 'seed' is the old name of 'source_question': "
                                             "give only 'source_question'"):
        load_challenge(folder)
    _write(folder, seed=None, source_question=None)
    with pytest.raises(ChallengeError, match="field 'source_question' is missing"):
        load_challenge(folder)


def test_no_catalog_challenge_and_no_scaffold_uses_the_old_name(tmp_path):
    from conftest import CHALLENGES
    from judge.scaffold import new_challenge

    folders = sorted(CHALLENGES.glob("*/challenge.yaml")) + [new_challenge(tmp_path, "fresh", "dsa") / "challenge.yaml"]
    assert len(folders) == 42
    for path in folders:
        data = yaml.safe_load(path.read_text())
        assert "seed" not in data and data["source_question"], path
