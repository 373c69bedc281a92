"""Live progress: a status line on a terminal's stderr, nothing when stderr is not one or with --json."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from judge.progress import TerminalProgress
from judge.runner import Progress
from tests.conftest import ROOT

SOLUTION = ROOT / "examples" / "lru_cache_solution.py"


def judge_on_a_terminal(*extra: str) -> tuple[int, str, bytes]:
    """`judge run` with stderr on a pseudo-terminal; (exit code, stdout, what the terminal got)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "judge.cli", "run", "challenge", "lru_cache", str(SOLUTION),
                             "--sandbox", "local", *extra], stdout=subprocess.PIPE, stderr=slave, cwd=ROOT)
    os.close(slave)
    out = proc.stdout.read().decode()
    code = proc.wait(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return code, out, seen


def test_a_terminal_sees_each_property_then_a_clean_line():
    code, out, seen = judge_on_a_terminal()
    assert code == 0 and out.startswith("lru_cache: AC")
    text = seen.decode()
    for step in ("matches_reference", "constant_time_operations (timed)"):
        assert f"\rlru_cache: {step}" in text, text
    assert " examples  " in text and text.endswith("\r")  # the last write erases the line
    assert "\n" not in text  # redrawn in place, never scrolled


def test_json_output_draws_no_progress_even_on_a_terminal():
    code, out, seen = judge_on_a_terminal("--json")
    assert code == 0 and out.lstrip().startswith("{")
    assert seen == b""


def test_the_line_names_the_step_examples_and_elapsed_time():
    progress = TerminalProgress("lru_cache", io.StringIO())
    progress(Progress("matches_reference", 120))
    assert progress.line().startswith("lru_cache: matches_reference  120 examples  0.")
    progress(Progress("matches_reference", 130, shrinking=True))
    assert "shrinking a failure" in progress.line()
    progress(Progress("constant_time_operations", 404, scaling=True))
    assert "constant_time_operations (timed)" in progress.line()
