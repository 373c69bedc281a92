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
