"""Mutation testing of a challenge's properties: do they notice a one-token change of the reference?

Each mutant is `reference.py` with exactly one change made on its syntax tree:

    arith      + - * // %   swapped (+ <-> -, * <-> //, % -> //), in expressions and `x += ...`
    compare    < <= > >=    relaxed or tightened (< <-> <=, > <-> >=); == <-> !=, is <-> is not, in <-> not in
    constant   an int literal n becomes n + 1 and n - 1 (two mutants)
    negate     an `if` (or `a if c else b`) condition negated, i.e. its branches swapped
    delete     a statement replaced by `pass` (not docstrings, defs, imports or `pass` itself)
    return     `return v` becomes `return None`, and `return v + 1` where v may be a number

and one operator that is not in the default set (`OPERATORS`, which `judge check` runs), only in
`ALL_OPERATORS`, for an author who asks for it (`run_mutation(..., operators=ALL_OPERATORS)`):

    scan       a lookup, membership test, pop or add on a dict, set or deque the module builds (a name
               or attribute assigned a display, a comprehension or dict(), set(), OrderedDict(), ...)
               made O(len) without changing its result: `k in d` becomes `k in (sum(1 for _ in d), d)[1]`
               (a pass in Python, as slow per item as the loop of a real scan)

A scan mutant behaves exactly like the reference, only slower, so only a scaling property can kill
it: a survivor is an operation whose cost no scaling property measures (search_engine's phrase
matching and its remove(), for instance, when this was written). It is not a default operator
because a survivor is not always a gap (an operation off the hot path, or on a container that stays
small, such as a merge of two small clocks), so each one needs an author's judgement, and because
adding mutants would change the deterministic sample and the scores of every challenge with more
than `max_mutants` of them.

Mutation testing cannot, by construction, find property gaps for bugs that are not a one-token
change of the reference: a different design (a line regex instead of the syntax tree, a list index
recorded at subscription instead of a key, an eviction that scans a log of deleted entries) is not
reachable from the reference's code. Such gaps are closed by wrong/ submissions, which `judge check`
keeps rejected.

A mutant's id, `<operator>@<line>:<col>#<n>`, names the operator and the position of the changed
node in reference.py (n tells apart mutants of one node), so it stays stable while the reference
does not change. Its diff compares `ast.unparse` of the unmutated tree with that of the mutant,
so the diff shows the change and nothing else (comments and formatting are not part of it).

A mutant is judged as a submission would be (`judge.runner.judge_submission`, on the sandbox
`MUTANT_SANDBOX` names unless asked for another, fewer examples, no shrinking, limits tightened to a few times the reference's usage so that a
hanging mutant ends quickly); any verdict but AC kills it, TLE included. Mutants the properties
cannot kill because they behave exactly like the reference are listed by the author in the
challenge folder's `equivalent_mutants.yaml`:

    - id: "compare@31:11#0"
      reason: "len(nodes) >= capacity and > capacity + 1 ... never differ here"
    - diff_contains: "+        return None"
      reason: "..."

`diff_contains` is looked for in the changed lines of the diff only (each with its leading `-` or
`+`), never in the context lines around them.

They are not run, are left out of the score, and are shown as equivalent. The score is
killed / (total - equivalent), where total counts the mutants run (at most `max_mutants`,
sampled deterministically when there are more).
"""
from __future__ import annotations

import ast
import copy
import difflib
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import yaml

from judge.challenge import Challenge, ChallengeError
from judge.check_options import MAX_MUTANTS, MUTANT_EXAMPLES, MUTANT_SANDBOX  # noqa: F401 - re-exported
from judge.pool import judge_source, make_pool

EQUIVALENT_FILE = "equivalent_mutants.yaml"
OPERATORS = ("arith", "compare", "constant", "negate", "delete", "return")
ALL_OPERATORS = OPERATORS + ("scan",)

_ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Mod: ast.FloorDiv}
_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
_NOT_NUMERIC = (ast.Compare, ast.BoolOp, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp,
                ast.DictComp, ast.GeneratorExp, ast.JoinedStr, ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom)
_KEEP_STATEMENTS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Pass,
                    ast.Global, ast.Nonlocal)
_CONTAINER_CALLS = frozenset({"dict", "set", "frozenset", "OrderedDict", "defaultdict", "Counter", "deque"})
_CONTAINER_METHODS = frozenset({"get", "pop", "popitem", "setdefault", "move_to_end", "add", "discard", "remove",
                                "popleft", "appendleft", "append"})


@dataclass
class Mutant:
    id: str
    operator: str
    line: int
    col: int
    description: str
    source: str  # the mutant module, as ast.unparse writes it
    diff: str  # unified diff against the unparsed reference: only the change
    status: str = "pending"  # pending | killed | survived | equivalent | error
    verdict: str | None = None
    message: str = ""
    reason: str = ""  # why an equivalent mutant is equivalent
    seconds: float = 0.0

    @property
    def change(self) -> str:
        """The diff's changed lines only, each with its leading - or + (no headers, no context)."""
        return "\n".join(line for line in self.diff.splitlines()
                         if line[:1] in "-+" and not line.startswith(("---", "+++")))

    def to_dict(self) -> dict:
        return {"id": self.id, "operator": self.operator, "line": self.line, "col": self.col,
                "description": self.description, "status": self.status, "verdict": self.verdict,
                "message": self.message, "reason": self.reason, "diff": self.diff,
                "seconds": round(self.seconds, 3)}


@dataclass
class MutationReport:
    mutants: list[Mutant] = field(default_factory=list)  # those run, plus the equivalent ones
    generated: int = 0  # before sampling
    sampled: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # e.g. a malformed equivalent_mutants.yaml

    def _count(self, status: str) -> int:
        return sum(m.status == status for m in self.mutants)

    @property
    def killed(self) -> int:
        return self._count("killed")

    @property
    def equivalent(self) -> int:
        return self._count("equivalent")

    @property
    def scored(self) -> int:
        """The denominator: every mutant that was run (killed, survived or errored)."""
        return len(self.mutants) - self.equivalent

    @property
    def score(self) -> float:
        return self.killed / self.scored if self.scored else 1.0

    @property
    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants if m.status in ("survived", "error")]

    def summary(self) -> str:
        text = (f"mutation score {self.score:.1%}: {self.killed} of {self.scored} mutants killed"
                f", {self.equivalent} marked equivalent")
        if self.sampled:
            text += f" (a deterministic sample of {len(self.mutants)} of {self.generated} generated)"
        return text

    def to_dict(self) -> dict:
        return {"score": round(self.score, 4), "killed": self.killed, "scored": self.scored,
                "equivalent": self.equivalent, "generated": self.generated, "sampled": self.sampled,
                "seconds": round(self.seconds, 2), "problems": list(self.problems),
                "survivors": [m.to_dict() for m in self.survivors],
                "mutants": [m.to_dict() for m in self.mutants]}


# -- generating mutants

def _is_docstring(stmt: ast.stmt, body: list) -> bool:
    return (body and body[0] is stmt and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str))


def _may_be_number(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.UnaryOp):
        return not isinstance(node.op, ast.Not)
    return not isinstance(node, _NOT_NUMERIC)


def _int_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _negative_int(node: ast.AST) -> bool:
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and _int_constant(node.operand)


def _containers(tree: ast.AST) -> set[str]:
    """Names and attributes (as written: `seen`, `self.nodes`) that the module assigns a dict, set or deque."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            call = value.func if isinstance(value, ast.Call) else None
            name = call.id if isinstance(call, ast.Name) else call.attr if isinstance(call, ast.Attribute) else None
            if isinstance(value, (ast.Dict, ast.Set, ast.DictComp, ast.SetComp)) or name in _CONTAINER_CALLS:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.update(ast.unparse(t) for t in targets if isinstance(t, (ast.Name, ast.Attribute)))
    return found


def _scanned(tree: ast.AST) -> list[ast.expr]:
    """The container expressions of the operations a `scan` mutant slows down, in ast.walk order."""
    containers = _containers(tree)
    operands = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands += [right for op, right in zip(node.ops, node.comparators) if isinstance(op, (ast.In, ast.NotIn))]
        elif isinstance(node, ast.Subscript):
            operands.append(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CONTAINER_METHODS:
            operands.append(node.func.value)
    return [n for n in operands if isinstance(n, (ast.Name, ast.Attribute)) and ast.unparse(n) in containers]


def _sites(tree: ast.AST) -> list[tuple[int, str, int, str]]:
    """(node index in ast.walk order, operator, variant, description) for every possible change."""
    parents: dict[int, list] = {}  # id(stmt) -> the body list that holds it
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                for stmt in block:
                    if isinstance(stmt, ast.stmt):
                        parents[id(stmt)] = block
        for handler in getattr(node, "handlers", ()) or ():
            for stmt in handler.body:
                parents[id(stmt)] = handler.body
    annotations = set()
    for node in ast.walk(tree):  # ints inside annotations (e.g. Literal[1]) change nothing at run time
        for ann in [getattr(node, "annotation", None), getattr(node, "returns", None)]:
            if ann is not None:
                annotations.update(id(n) for n in ast.walk(ann))
    negated = {id(n.operand) for n in ast.walk(tree) if _negative_int(n)}
    scanned = {id(n) for n in _scanned(tree)}
    sites = []
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _ARITH:
            new = _ARITH[type(node.op)]
            sites.append((index, "arith", 0, f"{_op(node.op)} -> {_op(new())}"))
        elif isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _COMPARE:
                    sites.append((index, "compare", k, f"{_op(op)} -> {_op(_COMPARE[type(op)]())}"))
        elif _int_constant(node) and id(node) not in annotations | negated:
            sites.append((index, "constant", 0, f"{node.value} -> {node.value + 1}"))
            sites.append((index, "constant", 1, f"{node.value} -> {node.value - 1}"))
        elif _negative_int(node) and id(node) not in annotations:  # -1 is -(1) in the tree: mutate it as -1
            value = -node.operand.value
            sites.append((index, "constant", 0, f"{value} -> {value + 1}"))
            sites.append((index, "constant", 1, f"{value} -> {value - 1}"))
        elif isinstance(node, (ast.If, ast.IfExp)):
            sites.append((index, "negate", 0, "condition negated (branches swapped)"))
        if isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                sites.append((index, "return", 0, "return None"))
            if _may_be_number(node.value):
                sites.append((index, "return", 1, "return value + 1"))
        if isinstance(node, ast.stmt) and not isinstance(node, _KEEP_STATEMENTS) and id(node) in parents:
            if not _is_docstring(node, parents[id(node)]):
                sites.append((index, "delete", 0, "statement replaced by pass"))
        if id(node) in scanned:
            sites.append((index, "scan", 0, f"{ast.unparse(node)} made O(len) (the same result, slower)"))
    return sites


def _op(op: ast.AST) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%", ast.Lt: "<",
            ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
            ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}[type(op)]


def _replace_child(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return
    raise ValueError("node to replace not found")


def _apply(tree: ast.Module, index: int, operator: str, variant: int) -> None:
    """Make one change, in place, at the node with this ast.walk index."""
    node = next(n for i, n in enumerate(ast.walk(tree)) if i == index)
    if operator == "arith":
        node.op = _ARITH[type(node.op)]()
    elif operator == "compare":
        node.ops[variant] = _COMPARE[type(node.ops[variant])]()
    elif operator == "constant" and isinstance(node, ast.UnaryOp):  # -n
        value = -node.operand.value + (1 if variant == 0 else -1)
        _replace_child(tree, node, ast.copy_location(ast.Constant(value=value), node))
    elif operator == "constant":
        node.value = node.value + (1 if variant == 0 else -1)
    elif operator == "negate":
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif operator == "scan":  # c -> (sum(1 for _ in c), c)[1]: the same object, after a Python-level pass over it
        count = ast.parse("sum(1 for _ in c)", mode="eval").body
        count.args[0].generators[0].iter = copy.deepcopy(node)
        slow = ast.Tuple(elts=[count, copy.deepcopy(node)], ctx=ast.Load())
        _replace_child(tree, node, ast.copy_location(ast.Subscript(value=slow, slice=ast.Constant(value=1),
                                                                   ctx=ast.Load()), node))
    elif operator == "return":
        if variant == 0:
            node.value = ast.Constant(value=None)
        else:
            node.value = ast.BinOp(left=node.value, op=ast.Add(), right=ast.Constant(value=1))
    elif operator == "delete":
        for parent in ast.walk(tree):
            for name in ("body", "orelse", "finalbody"):
                block = getattr(parent, name, None)
                if isinstance(block, list) and any(s is node for s in block):
                    block[[i for i, s in enumerate(block) if s is node][0]] = ast.copy_location(ast.Pass(), node)
                    return
            for handler in getattr(parent, "handlers", ()) or ():
                if any(s is node for s in handler.body):
                    handler.body[[i for i, s in enumerate(handler.body) if s is node][0]] = ast.copy_location(ast.Pass(), node)
                    return
        raise ValueError("statement to delete not found")
    else:
        raise ValueError(f"unknown mutation operator {operator!r}")


def generate_mutants(source: str, filename: str = "reference.py",
                     operators: Iterable[str] = OPERATORS) -> list[Mutant]:
    """Every single-change mutant of `source`, in source order, each with a stable id and a diff."""
    tree = ast.parse(source, filename=filename)
    original = ast.unparse(tree) + "\n"
    wanted = set(operators)
    per_position: dict[tuple[str, int, int], int] = {}
    mutants, seen = [], set()
    for index, operator, variant, description in _sites(tree):
        if operator not in wanted:
            continue
        node = next(n for i, n in enumerate(ast.walk(tree)) if i == index)
        line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
        n = per_position.get((operator, line, col), 0)
        per_position[(operator, line, col)] = n + 1
        mutated = copy.deepcopy(tree)
        _apply(mutated, index, operator, variant)
        text = ast.unparse(ast.fix_missing_locations(mutated)) + "\n"
        if text == original or text in seen:  # e.g. `return -1 + 1` is `return 0`
            continue
        seen.add(text)
        diff = "".join(difflib.unified_diff(original.splitlines(True), text.splitlines(True),
                                            fromfile=filename, tofile=f"{filename} (mutant)", n=2))
        mutants.append(Mutant(id=f"{operator}@{line}:{col}#{n}", operator=operator, line=line, col=col,
                              description=f"line {line}: {description}", source=text, diff=diff))
    return sorted(mutants, key=lambda m: (m.line, m.col, ALL_OPERATORS.index(m.operator), m.id))


# -- equivalent mutants

@dataclass(frozen=True)
class EquivalentMark:
    reason: str
    id: str | None = None
    diff_contains: str | None = None

    def matches(self, mutant: Mutant) -> bool:
        if self.id is not None:
            return mutant.id == self.id
        return self.diff_contains is not None and self.diff_contains in mutant.change


def load_equivalent_marks(folder: Path) -> list[EquivalentMark]:
    """The entries of `equivalent_mutants.yaml` (none when the file is absent); ChallengeError when malformed."""
    path = Path(folder) / EQUIVALENT_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        raise ChallengeError(f"{path}: not valid YAML") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ChallengeError(f"{path}: expected a list of {{id: ..., reason: ...}} or {{diff_contains: ..., reason: ...}}")
    marks = []
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or set(entry) - {"id", "diff_contains", "reason"}:
            raise ChallengeError(f"{path}: entry {number} must be a mapping with id or diff_contains, and reason")
        has = [k for k in ("id", "diff_contains") if k in entry]
        if len(has) != 1 or not isinstance(entry[has[0]], str) or not entry[has[0]]:
            raise ChallengeError(f"{path}: entry {number} needs exactly one of id or diff_contains (a non-empty string)")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ChallengeError(f"{path}: entry {number} needs a reason (why the mutant behaves like the reference)")
        marks.append(EquivalentMark(reason=reason.strip(), **{has[0]: entry[has[0]]}))
    return marks


# -- running mutants

def mutant_limits(challenge: Challenge, reference_cpu: float | None, reference_wall: float | None) -> Challenge:
    """The challenge with limits cut to a few times the reference's usage, so a hanging mutant ends soon."""
    if not reference_cpu or not reference_wall:
        return challenge
    limits = challenge.limits
    cpu = min(limits.cpu_seconds, max(4 * reference_cpu, reference_cpu + 5.0))
    wall = min(limits.wall_seconds, max(4 * reference_wall, reference_wall + 5.0))
    return replace(challenge, limits=replace(limits, cpu_seconds=cpu, wall_seconds=wall))


def sample(mutants: list[Mutant], cap: int, key: str) -> list[Mutant]:
    """At most `cap` mutants, the same ones on every run, in source order."""
    if cap <= 0 or len(mutants) <= cap:
        return list(mutants)
    chosen = set(random.Random(f"judge-mutation:{key}").sample(range(len(mutants)), cap))
    return [m for i, m in enumerate(mutants) if i in chosen]


def run_mutation(challenge: Challenge, *, seed: int = 1, max_examples: int = MUTANT_EXAMPLES,
                 max_mutants: int = MAX_MUTANTS, jobs: int | None = None, reference_cpu: float | None = None,
                 reference_wall: float | None = None, pool=None,
                 log: Callable[[str], None] | None = None, operators: Iterable[str] = OPERATORS,
                 sandbox: str = MUTANT_SANDBOX) -> MutationReport:
    """Generate, run and score the mutants of the challenge's reference on the backend named
    `sandbox`; `operators` picks the kinds (ALL_OPERATORS adds `scan`)."""
    started = time.monotonic()
    report = MutationReport()
    source = challenge.reference_path.read_text(encoding="utf-8")
    try:
        marks = load_equivalent_marks(challenge.path)
    except ChallengeError as exc:
        report.problems.append(str(exc))
        marks = []
    mutants = generate_mutants(source, operators=operators)
    report.generated = len(mutants)
    equivalent, candidates = [], []
    for mutant in mutants:
        mark = next((m for m in marks if m.matches(mutant)), None)
        if mark is not None:
            mutant.status, mutant.reason = "equivalent", mark.reason
            equivalent.append(mutant)
        else:
            candidates.append(mutant)
    for mark in marks:
        if not any(mark.matches(m) for m in mutants):
            report.problems.append(f"{EQUIVALENT_FILE}: the entry {mark.id or mark.diff_contains!r} matches no mutant "
                                   f"(stale after a change of reference.py?)")
    chosen = sample(candidates, max_mutants, challenge.id)
    report.sampled = len(chosen) < len(candidates)
    limited = mutant_limits(challenge, reference_cpu, reference_wall)
    own_pool = pool is None
    pool = pool or make_pool(jobs)
    try:
        futures = {pool.submit(judge_source, limited, m.source, None, sandbox, seed, max_examples, False): m
                   for m in chosen}
        for future, mutant in futures.items():
            result = future.result()
            mutant.verdict, mutant.message, mutant.seconds = result["verdict"], result["message"], result["elapsed"]
            mutant.status = ("survived" if mutant.verdict == "AC" else "error" if mutant.verdict == "IE"
                             else "killed")
            if log:
                log(f"  mutant {mutant.id}: {mutant.status} ({mutant.verdict}, {mutant.seconds:.1f} s)")
    finally:
        if own_pool:
            pool.shutdown(cancel_futures=True)
    report.mutants = sorted(chosen + equivalent, key=lambda m: (m.line, m.col, m.id))
    report.seconds = time.monotonic() - started
    return report
