"""Every code example in a challenge's spec.md is run against that challenge's reference, so that a
spec cannot show a result the reference does not give (and the two cannot drift apart).

The convention for examples in spec.md:

- A ```python block with `>>> ` lines is a doctest: each statement runs and must print what follows
  it, as in a Python prompt (ELLIPSIS and NORMALIZE_WHITESPACE are on, so `0.2611...` matches a
  longer float; an exception is shown as `Traceback (most recent call last):` then its last line).
- Any other ```python block that holds checks is plain Python run as a script: each top-level
  expression line `a == b` is checked with `judge.compare.exact` (same types, same values), and each
  `assert` is checked.
- A ```python block with neither is an interface or a data format (definitions with `...` bodies,
  literals): it may not call anything at top level, because a call there would be an example whose
  result nobody checks.
- Blocks without a language (formulas, pseudo-code, file formats) are not run.

The blocks of one spec run in order in one namespace: a copy of the reference module's (with the
names of support.py under it), inside a fresh empty working folder that is also the temporary folder.
`pytest -rP` shows how many examples each spec has and the total checked.
"""
from __future__ import annotations

import ast
import doctest
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CHALLENGES
from judge.challenge import load_challenge
from judge.compare import exact
from judge.runner import load_trusted_module

FOLDERS = sorted(p.parent for p in CHALLENGES.glob("*/challenge.yaml"))
_FENCE = re.compile(r"^```([\w+-]*)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_LITERALS = (ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set)


@dataclass
class Block:
    line: int  # of the block's first line of code in spec.md
    language: str
    code: str

    @property
    def is_doctest(self) -> bool:
        return self.language == "python" and re.search(r"^\s*>>> ", self.code, re.MULTILINE) is not None


def blocks(spec: str) -> list[Block]:
    return [Block(spec.count("\n", 0, m.start(2)) + 1, m.group(1), m.group(2)) for m in _FENCE.finditer(spec)]


def _is_check(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Compare) and len(stmt.value.ops) == 1
            and isinstance(stmt.value.ops[0], ast.Eq))


def script_checks(tree: ast.Module) -> int:
    return sum(map(_is_check, tree.body)) + sum(isinstance(n, ast.Assert) for n in ast.walk(tree))


def _unchecked_calls(tree: ast.Module) -> list[int]:
    """Top-level expression lines that compute something whose result is not checked."""
    return [stmt.lineno for stmt in tree.body
            if isinstance(stmt, ast.Expr) and not isinstance(stmt.value, _LITERALS)]


def count_examples(folder: Path) -> int:
    """Checks in spec.md: doctest statements with an expected output or exception, plus script checks."""
    total = 0
    for block in blocks((folder / "spec.md").read_text(encoding="utf-8")):
        if block.is_doctest:
            examples = doctest.DocTestParser().get_examples(block.code)
            total += sum(bool(e.want or e.exc_msg) for e in examples)
        elif block.language == "python":
            total += script_checks(ast.parse(block.code))
    return total


def _namespace(folder: Path) -> dict:
    challenge = load_challenge(folder)
    names: dict = {}
    if challenge.support_path:
        names.update(load_trusted_module(challenge.support_path, f"judge_spec_support_{folder.name}"))
    names.update(load_trusted_module(challenge.reference_path, f"judge_spec_reference_{folder.name}"))
    names["__name__"] = f"spec_{folder.name}"
    return names


def run_spec(folder: Path) -> tuple[int, list[str]]:
    """Run every example of the spec; returns (checks run, problems)."""
    spec = (folder / "spec.md").read_text(encoding="utf-8")
    problems: list[str] = []
    checked = 0
    names = None
    for block in blocks(spec):
        where = f"{folder.name}/spec.md:{block.line}"
        if block.language != "python":
            if re.search(r"^\s*>>> ", block.code, re.MULTILINE):
                problems.append(f"{where}: a doctest in a block without the language `python` is never run")
            continue
        if block.is_doctest:
            names = _namespace(folder) if names is None else names
            test = doctest.DocTestParser().get_doctest(block.code, names, where, str(folder / "spec.md"),
                                                       block.line - 1)
            report: list[str] = []
            runner = doctest.DocTestRunner(optionflags=_FLAGS)
            result = runner.run(test, out=report.append, clear_globs=False)
            checked += sum(bool(e.want or e.exc_msg) for e in test.examples)
            if result.failed:
                problems.append("".join(report))
            continue
        try:
            tree = ast.parse(block.code)
        except SyntaxError as exc:
            problems.append(f"{where}: not valid Python ({exc.msg}, line {exc.lineno} of the block); "
                            f"use a block without a language for pseudo-code")
            continue
        if not script_checks(tree):
            lines = _unchecked_calls(tree)
            if lines:
                problems.append(f"{where}: line {lines[0]} of the block computes a result nobody checks: write "
                                f"the example as a doctest (`>>> call` then its result) or as `call == result`")
            continue
        names = _namespace(folder) if names is None else names
        for stmt in tree.body:
            statement = ast.Module(body=[stmt], type_ignores=[])
            line = block.line + stmt.lineno - 1
            try:
                if _is_check(stmt):
                    left, right = (eval(compile(ast.Expression(side), where, "eval"), names)  # noqa: S307
                                   for side in (stmt.value.left, stmt.value.comparators[0]))
                    reason = exact(right, left)
                    checked += 1
                    if reason:
                        problems.append(f"{folder.name}/spec.md:{line}: {ast.unparse(stmt)}: {reason}")
                else:
                    exec(compile(statement, where, "exec"), names)  # noqa: S102
                    checked += sum(isinstance(n, ast.Assert) for n in ast.walk(stmt))
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{folder.name}/spec.md:{line}: {ast.unparse(stmt)}: raised "
                                f"{type(exc).__name__}: {exc}")
    return checked, problems


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """An empty working folder that is also tempfile's folder, so examples may write files."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_spec_examples_match_the_reference(folder, scratch):
    checked, problems = run_spec(folder)
    print(f"{folder.name}: {checked} examples checked")
    assert not problems, "\n".join(problems)
    assert checked == count_examples(folder)


def test_examples_are_counted():
    counts = {folder.name: count_examples(folder) for folder in FOLDERS}
    total = sum(counts.values())
    print(f"{total} spec examples in {sum(map(bool, counts.values()))} of {len(counts)} specs: "
          + ", ".join(f"{name} {n}" for name, n in counts.items() if n))
    assert total >= 70, counts  # raise it as specs gain examples


def test_the_conventions_are_enforced(tmp_path, monkeypatch):
    """A wrong result, an unchecked call and a doctest outside a python block are each reported."""
    folder = tmp_path / "tiny"
    (folder / "wrong").mkdir(parents=True)
    (folder / "challenge.yaml").write_text(
        "id: tiny\ntitle: t\ncategory: dsa\nsource_question: s\nruntime: python\n"
        "limits: {cpu_seconds: 1, wall_seconds: 1, memory_mib: 64, output_kib: 1}\ninterface: [double]\n")
    (folder / "reference.py").write_text("def double(x):\n    return 2 * x\n")
    (folder / "properties.py").write_text("")
    (folder / "spec.md").write_text(
        "```python\ndef double(x: int) -> int: ...\n```\n"
        "```python\n>>> double(2)\n4\n>>> double(3)\n7\n```\n"
        "```python\ndouble(4) == 8\ndouble(5) == 11\nassert double(0) == 0\n```\n"
        "```python\ndouble(6)    # 12\n```\n"
        "```\n>>> double(1)\n2\n```\n")
    monkeypatch.chdir(tmp_path)
    checked, problems = run_spec(folder)
    assert checked == 5
    assert len(problems) == 4, problems
    assert "Expected:\n    7\nGot:\n    6" in problems[0]
    assert "double(5) == 11: expected 11, got 10" in problems[1]
    assert "nobody checks" in problems[2] and "never run" in problems[3]
