"""Conventions a new user relies on (part of issue 13): python -m judge, a bare `judge`, pytest's
--junitxml spelling, and no .hypothesis/ folder left where judge runs."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SUBMISSIONS


def test_python_dash_m_judge_is_the_judge_command():
    done = subprocess.run([sys.executable, "-m", "judge", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.startswith("judge ")


def test_a_bare_judge_prints_the_help(judge_cli, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["judge"])
    code, out, err = judge_cli()
    assert code == 0 and out.startswith("usage: judge") and "run" in out and err == ""


def test_check_takes_pytests_junitxml_spelling(judge_cli, tmp_path):
    report = tmp_path / "report.xml"
    code, _, err = judge_cli("check", "lru_cache", "--no-mutation", "--seeds", "1", "--max-examples", "5",
                             "--sandbox", "local", "-q", "--junitxml", report)
    assert report.read_text().startswith("<?xml") and "<testsuite" in report.read_text(), err


def test_judge_run_leaves_no_hypothesis_folder_where_it_runs(tmp_path):
    env_home = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-m", "judge", "run", "challenge", "lru_cache", str(SUBMISSIONS / "lru_ok.py"),
                           "--sandbox", "local", "--max-examples", "5"], capture_output=True, text=True, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(env_home), "HOME": str(tmp_path),
                               "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".hypothesis").exists()
    assert (env_home / "judge" / "hypothesis").is_dir()


# -- every command documents itself

def _leaves():
    from judge.cli import _leaf_parsers, build_parser

    return list(_leaf_parsers(build_parser()))


def test_every_commands_help_shows_an_example_and_the_exit_codes():
    for path, parser in _leaves():
        text = parser.format_help()
        assert "example:\n  judge " in text and "exit codes: 0" in text, path


def test_every_positional_argument_has_help_text():
    for path, parser in _leaves():
        for action in parser._actions:
            if not action.option_strings and action.dest != "help":
                assert action.help, f"judge {path}: positional {action.dest} has no help"


# -- list and show as JSON

def test_list_json_names_every_challenge_with_its_interface_and_limits(judge_cli):
    import json

    code, out, _ = judge_cli("list", "--json")
    data = json.loads(out)
    assert code == 0 and data["broken"] == {}
    rows = {c["id"]: c for c in data["challenges"]}
    assert len(rows) == len(list((ROOT / "challenges").glob("*/challenge.yaml")))
    assert rows["lru_cache"]["interface"] == ["LRUCache"] and rows["self_attention"]["runtime"] == "torch"
    assert set(rows["lru_cache"]["limits"]) == {"cpu_seconds", "wall_seconds", "memory_mib", "output_kib"}
    assert "spec" not in rows["lru_cache"]


def test_show_json_has_the_spec_interface_limits_and_runtime(judge_cli):
    import json

    code, out, _ = judge_cli("show", "lru_cache", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "lru_cache" and data["runtime"] == "python"
    assert data["spec"] == (ROOT / "challenges" / "lru_cache" / "spec.md").read_text(encoding="utf-8")
    assert data["interface"] == ["LRUCache"] and data["limits"]["memory_mib"] > 0


# -- JUnit from `judge run`

def test_run_writes_junitxml_with_the_counterexample_of_a_rejection(judge_cli, tmp_path):
    import xml.etree.ElementTree as ET

    report = tmp_path / "run.xml"
    wrong = ROOT / "challenges" / "lru_cache" / "wrong" / "evicts_most_recent.py"
    code, _, _ = judge_cli("run", "challenge", "lru_cache", wrong, "--sandbox", "local", "--json",
                           "--junitxml", report)
    assert code == 1
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite.get("name") == "lru_cache" and suite.get("failures") == "1"
    failure = suite.find("testcase/failure")
    assert failure.get("type") == "WA" and "LRUCache(" in failure.text and "replay: --seed 1" in failure.text
    code, _, _ = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--sandbox", "local",
                           "--max-examples", "5", "--junit", report)
    assert code == 0 and ET.parse(report).getroot().find("testsuite").get("failures") == "0"


# -- [tool.judge] defaults

def _run_in(folder, *args):
    return subprocess.run([sys.executable, "-m", "judge", *args], capture_output=True, text=True, cwd=folder)


def test_tool_judge_defaults_apply_and_the_command_line_wins(tmp_path):
    import json

    (tmp_path / "pyproject.toml").write_text('[tool.judge]\nsandbox = "local"\nmax_examples = 3\n')
    (tmp_path / "sub").mkdir()  # found from a folder below, as pytest finds its configuration
    solution = SUBMISSIONS / "lru_ok.py"
    done = _run_in(tmp_path / "sub", "run", "challenge", "lru_cache", str(solution), "--json")
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["sandbox"] == "local"
    fixed = [p["examples"] for p in result["properties"] if p["name"] != "scaling"]
    assert fixed and max(fixed) <= 3
    done = _run_in(tmp_path / "sub", "run", "challenge", "lru_cache", str(solution), "--json", "--max-examples", "7")
    assert max(p["examples"] for p in json.loads(done.stdout)["properties"] if p["name"] != "scaling") > 3


def test_tool_judge_challenges_dir_is_relative_to_the_pyproject(tmp_path):
    import shutil

    shutil.copytree(ROOT / "challenges" / "lru_cache", tmp_path / "pack" / "my_cache")
    yaml_path = tmp_path / "pack" / "my_cache" / "challenge.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("id: lru_cache", "id: my_cache"))
    (tmp_path / "pyproject.toml").write_text('[tool.judge]\nchallenges_dir = "pack"\n')
    done = _run_in(tmp_path, "list")
    assert done.returncode == 0 and "my_cache" in done.stdout, done.stderr


def test_an_unknown_tool_judge_key_is_a_one_line_error_with_a_suggestion(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.judge]\nmax_example = 3\n')
    done = _run_in(tmp_path, "list")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "unknown key [tool.judge] max_example (did you mean max_examples?)" in done.stderr


# -- shell completion

def test_completion_scripts_for_bash_zsh_and_fish(judge_cli):
    for shell, marker in (("bash", "complete "), ("zsh", "compdef"), ("fish", "complete ")):
        code, out, _ = judge_cli("completion", shell)
        assert code == 0 and marker in out and "judge" in out, shell


def test_completion_offers_commands_and_challenge_ids(tmp_path):
    def complete(line: str) -> list[str]:
        out = tmp_path / "completions"
        env = {**__import__("os").environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line,
               "COMP_POINT": str(len(line)), "_ARGCOMPLETE_STDOUT_FILENAME": str(out)}
        subprocess.run([sys.executable, "-m", "judge"], env=env, cwd=tmp_path, capture_output=True, timeout=60)
        return [word.strip() for word in out.read_text().split("\n") if word.strip()]

    assert complete("judge ru") == ["run"]
    assert complete("judge show lru_c") == ["lru_cache"]
    assert "self_attention" in complete("judge run challenge self_")


# -- challenge.yaml: unknown keys and the published schema

def test_a_misspelt_constraint_is_an_error_with_a_did_you_mean(challenge_copy, judge_cli):
    folder = challenge_copy("lru_cache")
    path = folder / "challenge.yaml"
    path.write_text(path.read_text() + "constraints:\n  forbidden_import: [collections]\n")
    code, out, err = judge_cli("check", folder, "--no-mutation", "--seeds", "1", "-q")
    assert code in (1, 2) and "unknown field 'forbidden_import' (did you mean 'forbidden_imports'?)" in out + err


def test_judge_schema_matches_the_loader_and_validates_every_challenge(judge_cli):
    import json

    import jsonschema
    import yaml

    from judge.challenge import CONSTRAINT_FIELDS, FIELDS, LIMIT_FIELDS

    code, out, _ = judge_cli("schema")
    schema = json.loads(out)
    assert code == 0
    assert tuple(schema["properties"]) == FIELDS
    assert tuple(schema["properties"]["limits"]["properties"]) == LIMIT_FIELDS
    assert tuple(schema["properties"]["constraints"]["properties"]) == CONSTRAINT_FIELDS
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "challenges").glob("*/challenge.yaml")):
        data = yaml.safe_load(path.read_text())
        assert not list(validator.iter_errors(data)), path
        data.setdefault("constraints", {})["forbidden_import"] = ["os"]
        assert list(validator.iter_errors(data)), "the schema let a misspelt constraint through"


# -- compile errors read as Python prints them

def test_a_compile_error_names_file_line_and_column_and_shows_a_caret(judge_json, tmp_path):
    source = tmp_path / "sol.py"
    source.write_text("class LRUCache:\n    def get(self, key:\n        return 1\n")
    code, result = judge_json("lru_cache", source)
    assert code == 1 and result["verdict"] == "CE"
    assert result["message"] == "sol.py, line 2, column 12: SyntaxError: '(' was never closed"
    lines = result["traceback"].splitlines()
    assert lines[0] == '  File "sol.py", line 2' and lines[1].strip() == "def get(self, key:"
    assert lines[2].index("^") == lines[1].index("(") and lines[3] == "SyntaxError: '(' was never closed"


def test_building_the_gpu_image_without_a_base_names_the_option(judge_cli):
    code, _, err = judge_cli("sandbox", "build", "--profile", "torch-gpu")
    assert code == 2 and "--base IMAGE" in err and "base=..." not in err


def test_a_batch_writes_one_junit_testcase_per_file(judge_cli, tmp_path):
    import xml.etree.ElementTree as ET
    from pathlib import Path

    report = tmp_path / "batch.xml"
    wrong = ROOT / "challenges" / "lru_cache" / "wrong" / "evicts_most_recent.py"
    code, _, _ = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", wrong, "--sandbox", "local",
                           "--max-examples", "10", "--jobs", "2", "--json", "--junitxml", report)
    assert code == 1
    cases = {Path(case.get("name")).name: case for case in ET.parse(report).getroot().iter("testcase")}
    assert set(cases) == {"lru_ok.py", "evicts_most_recent.py"}
    assert cases["evicts_most_recent.py"].find("failure") is not None and cases["lru_ok.py"].find("failure") is None


def test_every_environment_variable_the_code_reads_is_in_the_readme_table():
    import re

    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("### Environment variables"):]
    table = table[:table.index("\n## ")]
    read = set()
    for folder in ("judge", "sandbox", "plugins"):
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"""environ(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""", path.read_text()))
            read |= set(re.findall(r"""getenv\(\s*["']([A-Z][A-Z0-9_]+)["']""", path.read_text()))
    read -= {"_ARGCOMPLETE"}  # argcomplete's own protocol with the shell
    assert read, "found no environment variables at all: the pattern is broken"
    missing = sorted(name for name in read if f"`{name}" not in table)
    assert not missing, f"read by the code, not in the README's table: {missing}"


def test_a_function_handed_to_a_scenario_reads_as_its_name_in_the_counterexample(judge_json):
    wrong = ROOT / "challenges" / "exception_handling" / "wrong" / "never_closes.py"
    code, result = judge_json("exception_handling", wrong)
    assert code == 1 and result["verdict"] == "WA"
    assert result["counterexample"].startswith("scenario(process_file, ")
    assert "__get__" not in result["counterexample"] and "Owner" not in result["counterexample"]
