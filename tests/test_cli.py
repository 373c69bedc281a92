"""The command line: listing, showing, plugins, and one-line errors with exit code 2."""
from __future__ import annotations

import json
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from conftest import CHALLENGES, SUBMISSIONS


def test_list_shows_the_catalog(judge_cli):
    code, out, _ = judge_cli("list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["ID", "CATEGORY", "TITLE", "RUNTIME"]
    lru = next(row for row in rows if row.startswith("lru_cache "))
    assert "dsa" in lru and lru.rstrip().endswith("python")


def test_show_prints_interface_limits_and_spec(judge_cli):
    code, out, _ = judge_cli("show", "lru_cache")
    assert code == 0
    assert "the submission must define LRUCache" in out
    assert "20 s CPU, 40 s wall, 256 MiB memory, 64 KiB output" in out
    assert "def get(self, key: int) -> int" in out


def test_plugins_lists_builtins_and_their_hooks(judge_cli):
    code, out, _ = judge_cli("plugins")
    assert code == 0
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    assert lines["judge.sandbox.local"] == "judge_sandbox_backends"
    assert lines["judge.sandbox.docker_backend"] == "judge_sandbox_backends"
    assert lines["judge.builtin_plugins.json_report"] == "judge_result_formats"
    assert lines["judge.challenges"] == "judge_challenge_dirs"  # the catalog, through the entry point


def test_hook_tracing_env_var(monkeypatch, judge_cli):
    monkeypatch.setenv("JUDGE_TRACE_HOOKS", "1")
    code, _, err = judge_cli("list")
    assert code == 0
    assert "[hook]" in err and "judge_challenge_dirs" in err


def test_json_output_is_one_document_and_nothing_else(tmp_path):
    # a separate process: the command's own exit (which leaves cyclic garbage to the OS) loses nothing
    proc = subprocess.run([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache",
                           str(SUBMISSIONS / "lru_ok.py"), "--json", "--sandbox", "local", "--max-examples", "20",
                           "--seed", "4", "--junitxml", str(tmp_path / "ok.xml")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"] == "AC" and data["schema"] == 1 and data["seed"] == 4
    assert set(data) >= {"challenge", "message", "property", "counterexample", "expected", "actual", "traceback",
                         "examples", "cpu_seconds", "wall_seconds", "peak_memory_mib", "sandbox"}
    assert ElementTree.parse(tmp_path / "ok.xml").getroot().find(".//testcase") is not None
    wrong = subprocess.run([sys.executable, "-m", "judge", "run", "challenge", "lru_cache",
                            str(CHALLENGES / "lru_cache" / "wrong" / "evicts_most_recent.py"), "--json", "--sandbox",
                            "local", "--seed", "4"], capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 1 and json.loads(wrong.stdout)["verdict"] == "WA", wrong.stderr


@pytest.mark.parametrize("args, words", [
    (("run", "challenge", "lru_cahce", "x.py"), "unknown challenge 'lru_cahce' (did you mean lru_cache?)"),
    (("run", "challenge", "lru_cache", "/nonexistent/sol.py"), "no such file"),
    (("run", "challenge", "lru_cache", "/dev"), "is a directory with no .py file in it"),
    (("run", "challenge", "lru_cache", str(SUBMISSIONS / "lru_ok.py"), "--sandbox", "vm"), "unknown sandbox 'vm'"),
    (("show", "nope"), "unknown challenge 'nope'"),
    (("run", "challenge", "lru_cache", str(SUBMISSIONS / "lru_ok.py"), "--challenges-dir", "/nonexistent"),
     "--challenges-dir /nonexistent: no such folder"),
])
def test_usage_errors_are_one_line_and_exit_2(judge_cli, args, words):
    code, out, err = judge_cli(*args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err


def test_docker_sandbox_without_daemon_is_a_clear_error(monkeypatch, judge_cli):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    code, _, err = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--sandbox", "docker")
    assert code == 2
    assert err.startswith("judge: error: the docker sandbox is not available here: no Docker daemon answers")
    assert err.count("\n") == 1


def test_auto_falls_back_to_local_with_a_notice(monkeypatch, judge_cli):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    code, out, err = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--max-examples", "10")
    assert code == 0
    assert "using the local process sandbox" in err and "weaker isolation" in err
    assert "sandbox local" in out


def test_broken_challenge_yaml_names_file_and_field(judge_cli, challenge_copy):
    folder = challenge_copy("lru_cache")
    text = (folder / "challenge.yaml").read_text().replace("memory_mib: 256", "memory_mib: lots")
    (folder / "challenge.yaml").write_text(text)
    code, _, err = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--challenges-dir", folder.parent)
    assert code == 2
    assert f"{folder}/challenge.yaml: limits: field 'memory_mib' is 'lots', expected an integer >= 32" in err
    code, out, err = judge_cli("list", "--challenges-dir", folder.parent)
    assert code == 0 and "lru_cache" in err  # named as broken, the rest still listed
