"""judge.mutation: each operator, diffs that show only the change, stable ids, equivalent marks."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from judge.challenge import ChallengeError, load_challenge
from judge.mutation import OPERATORS, generate_mutants, load_equivalent_marks, run_mutation, sample
from judge.scaffold import new_challenge

SAMPLE = '''\
"""A docstring that must never be deleted."""


def f(xs, n):
    # a comment
    total = 0
    for x in xs:
        if x < n:
            total += x * 2
        else:
            total = total - x % 3
    return total


def g(a):
    return a == 1
'''


@pytest.fixture(scope="module")
def mutants():
    return generate_mutants(SAMPLE)


def _changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = diff.splitlines()[2:]  # skip the --- and +++ headers
    return ([l[1:] for l in lines if l.startswith("-")], [l[1:] for l in lines if l.startswith("+")])


def test_every_operator_kind_is_generated(mutants):
    kinds = {m.operator for m in mutants}
    assert kinds == set(OPERATORS)
    descriptions = {m.description.split(": ", 1)[1] for m in mutants}
    for expected in ("+ -> -", "* -> //", "% -> //", "- -> +", "< -> <=", "== -> !=", "0 -> 1", "0 -> -1",
                     "2 -> 3", "condition negated (branches swapped)", "statement replaced by pass",
                     "return None", "return value + 1"):
        assert expected in descriptions, expected


def test_each_diff_shows_only_the_change(mutants):
    original = ast.unparse(ast.parse(SAMPLE))
    for mutant in mutants:
        removed, added = _changed_lines(mutant.diff)
        assert mutant.diff.count("\n@@ ") == 1, mutant.diff  # one hunk: one change, nothing else
        assert len(added) == 1, mutant.diff
        if mutant.operator == "delete":  # a whole statement, compound ones included, becomes `pass`
            assert added[0].strip() == "pass"
        else:
            assert len(removed) == 1, mutant.diff
        assert mutant.source.rstrip("\n") != original
        ast.parse(mutant.source)  # every mutant is valid Python
        assert "docstring" not in removed[0]  # docstrings are never deleted
    by_description = {(m.line, m.description.split(": ", 1)[1]): m for m in mutants}
    arith = by_description[(9, "+ -> -")]
    assert _changed_lines(arith.diff) == (["            total += x * 2"], ["            total -= x * 2"])
    compare = by_description[(8, "< -> <=")]
    assert _changed_lines(compare.diff) == (["        if x < n:"], ["        if x <= n:"])
    negate = by_description[(8, "condition negated (branches swapped)")]
    assert _changed_lines(negate.diff)[1] == ["        if not x < n:"]
    ret = by_description[(16, "return None")]
    assert _changed_lines(ret.diff) == (["    return a == 1"], ["    return None"])
    # a comparison is not a number: no `+ 1` mutant for g's return
    assert (16, "return value + 1") not in by_description


def test_ids_are_stable_and_unique(mutants):
    ids = [m.id for m in mutants]
    assert len(ids) == len(set(ids))
    assert [m.id for m in generate_mutants(SAMPLE)] == ids
    for mutant in mutants:
        operator, rest = mutant.id.split("@")
        assert operator == mutant.operator and rest == f"{mutant.line}:{mutant.col}#{rest.split('#')[1]}"
    # the ids do not depend on comments or blank lines elsewhere (they use the original positions)
    assert "constant@6:12#0" in ids and "constant@6:12#1" in ids


def test_negative_constants_are_mutated_as_numbers():
    diffs = [m.diff for m in generate_mutants("def h():\n    return -1\n") if m.operator == "constant"]
    assert any("+    return 0" in d for d in diffs) and any("+    return -2" in d for d in diffs)


def test_sampling_is_deterministic(mutants):
    first = sample(mutants, 5, "x")
    assert len(first) == 5 and [m.id for m in first] == [m.id for m in sample(mutants, 5, "x")]
    assert sample(mutants, 1000, "x") == mutants


def test_equivalent_marks_are_validated(tmp_path):
    (tmp_path / "equivalent_mutants.yaml").write_text("- id: x\n")
    with pytest.raises(ChallengeError, match="reason"):
        load_equivalent_marks(tmp_path)
    (tmp_path / "equivalent_mutants.yaml").write_text("- {id: x, diff_contains: y, reason: z}\n")
    with pytest.raises(ChallengeError, match="exactly one"):
        load_equivalent_marks(tmp_path)
    (tmp_path / "equivalent_mutants.yaml").write_text("- {id: x, reason: z}\n- {diff_contains: y, reason: w}\n")
    assert len(load_equivalent_marks(tmp_path)) == 2


def _weak_challenge(tmp_path: Path):
    """The scaffold with a property that never looks at the total: most mutants survive."""
    folder = new_challenge(tmp_path, "weak", "coding")
    (folder / "properties.py").write_text(
        "from hypothesis import strategies as st\n"
        "from judge.harness import prop\n\n\n"
        "@prop(st.lists(st.integers(), max_size=3), max_examples=5)\n"
        "def only_len(p, xs):\n"
        "    p.call('len', xs)\n")
    (folder / "reference.py").write_text("def solve(xs):\n    total = 0\n    for x in xs:\n        total += x\n"
                                         "    return total\n\n\nlen = len\n")
    return folder


def test_equivalent_marking_excludes_a_mutant(tmp_path):
    folder = _weak_challenge(tmp_path)
    challenge = load_challenge(folder)
    before = run_mutation(challenge, max_examples=5, jobs=2)
    assert before.equivalent == 0 and before.survivors and before.score < 0.5
    survivor = before.survivors[0]
    (folder / "equivalent_mutants.yaml").write_text(
        f"- id: '{survivor.id}'\n  reason: only len() is compared\n"
        f"- diff_contains: '+        total -= x'\n  reason: the total is never compared\n"
        f"- id: 'delete@99:0#0'\n  reason: stale on purpose\n")
    after = run_mutation(challenge, max_examples=5, jobs=2)
    equivalent = {m.id: m for m in after.mutants if m.status == "equivalent"}
    assert survivor.id in equivalent and equivalent[survivor.id].reason == "only len() is compared"
    assert any("total -= x" in m.diff for m in equivalent.values())
    assert after.equivalent == 2 and after.scored == before.scored - 2
    assert after.score == after.killed / (len(after.mutants) - 2)
    assert any("delete@99:0#0" in p and "matches no mutant" in p for p in after.problems)


def test_diff_contains_looks_at_changed_lines_only(mutants):
    from judge.mutation import EquivalentMark

    context_only = EquivalentMark(reason="r", diff_contains="def f(xs, n):")  # a context line in several diffs
    assert any("def f(xs, n):" in m.diff for m in mutants)
    assert not any(context_only.matches(m) for m in mutants)
    changed = EquivalentMark(reason="r", diff_contains="+            total -= x * 2")
    assert [m.id for m in mutants if changed.matches(m)] == ["arith@9:12#0"]


def test_a_hanging_mutant_is_killed_by_the_limits(tmp_path):
    folder = new_challenge(tmp_path, "loop", "coding")
    (folder / "reference.py").write_text(
        "def solve(xs):\n    total = 0\n    i = 0\n    while i < len(xs):\n        total += xs[i]\n        i += 1\n"
        "    return total\n")
    challenge = load_challenge(folder)
    report = run_mutation(challenge, max_examples=10, jobs=2, reference_cpu=0.05, reference_wall=0.1)
    hanging = {m.id: m for m in report.mutants if m.line == 6 and m.operator in ("delete", "constant")}
    assert "delete@6:8#0" in hanging and "constant@6:13#1" in hanging  # `pass` and `i += 0` never end
    for mutant in (hanging["delete@6:8#0"], hanging["constant@6:13#1"]):
        assert (mutant.status, mutant.verdict) == ("killed", "TLE"), mutant
        assert mutant.seconds < 30  # limits cut to the reference's usage plus 5 s, not the challenge's 20 s
    assert report.score == 1.0, [m.diff for m in report.survivors]
