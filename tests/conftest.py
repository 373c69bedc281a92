"""Shared fixtures: run the `judge` CLI in-process and parse its JSON result."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from judge.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHALLENGES = ROOT / "challenges"
SUBMISSIONS = Path(__file__).with_name("submissions")


@pytest.fixture
def judge_cli(capsys):
    """Call `judge ...` and return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def judge_json(judge_cli):
    """Judge a file on a backend and return (exit code, result dict)."""

    def run(challenge: str, file: Path, *extra: str, sandbox: str = "local") -> tuple[int, dict]:
        code, out, err = judge_cli("run", "challenge", challenge, file, "--json", "--sandbox", sandbox, *extra)
        assert out.strip(), f"no JSON on stdout; stderr: {err}"
        return code, json.loads(out)

    return run


@pytest.fixture
def challenge_copy(tmp_path):
    """A private copy of a built-in challenge folder, for tests that break it on purpose."""

    def copy(name: str) -> Path:
        target = tmp_path / "pack" / name
        shutil.copytree(CHALLENGES / name, target)
        return target

    return copy


def write_challenge(folder: Path, *, interface: list[str], reference: str, properties: str, spec: str,
                    limits: str = "{cpu_seconds: 10, wall_seconds: 6, memory_mib: 256, output_kib: 64}",
                    support: str | None = None, title: str | None = None):
    """A small challenge folder of a test's own (indented sources are dedented), loaded."""
    from judge.challenge import load_challenge

    (folder / "wrong").mkdir(parents=True)
    (folder / "reference.py").write_text(textwrap.dedent(reference))
    (folder / "properties.py").write_text(textwrap.dedent(properties))
    if support is not None:
        (folder / "support.py").write_text(textwrap.dedent(support))
    (folder / "spec.md").write_text(spec)
    (folder / "challenge.yaml").write_text(textwrap.dedent(f'''
        id: {folder.name}
        title: {title or folder.name}
        category: dsa
        source_question: "test"
        runtime: python
        limits: {limits}
        interface: [{", ".join(interface)}]
    '''))
    return load_challenge(folder)
