"""`judge new`: a challenge folder that `judge check` accepts as generated, to be filled in.

The generated challenge is a small working example (sum a list of ints) so that every check
passes from the start; each file says what to replace. Replace the example piece by piece and
run `judge check --challenges-dir DIR ID` after each step.
"""
from __future__ import annotations

from pathlib import Path

from judge.challenge import CATEGORIES, CHALLENGE_ID, RUNTIMES
from judge.errors import JudgeError

CHALLENGE_YAML = """\
# TODO: fill in title and source_question; keep id equal to the folder name.
id: {id}
title: "TODO: a one-line title (example: sum of a list of integers)"
category: {category}   # one of: {categories}
source_question: "TODO: the interview question this challenge comes from"
runtime: python        # one of: {runtimes}
limits:
  cpu_seconds: 10      # whole run, all examples; `judge check` wants the reference under a third of it
  wall_seconds: 20
  memory_mib: 256
  output_kib: 64       # anything the submission prints counts against this
interface: [solve]     # the names a submission must define; spec.md must name each of them
# constraints:         # optional static rules, a compile error (CE) when broken
#   forbidden_imports: [numpy]
#   forbidden_names: [eval]
"""

SPEC_MD = """\
<!-- TODO: replace this example statement with the real one. Name every interface symbol
     (judge check looks for each name) and state the CPU and memory limits. -->
# Sum of a list

Write a function that returns the sum of a list of integers.

## Interface

```python
def solve(xs: list[int]) -> int: ...
```

- `solve(xs)` returns the sum of the items of `xs`, as an `int`.
- `solve` must not modify `xs`.

## Edge cases

- The empty list sums to `0`.
- Items may be negative.

## Limits

Limits for the whole run: 10 s CPU, 20 s wall, 256 MiB memory, 64 KiB of printed output.
"""

REFERENCE_PY = '''\
"""Reference solution: trusted, run in the judge's own process. TODO: replace with the real one.

Every non-AC verdict of a submission is decided against what this code returns, so keep it
simple and obviously right. `judge check` mutates it (judge.mutation): a change of one operator,
constant or statement must be caught by properties.py, or be listed in equivalent_mutants.yaml.
"""


def solve(xs: list[int]) -> int:
    total = 0
    for x in xs:
        total += x
    return total
'''

PROPERTIES_PY = '''\
"""Properties: each builds a program of calls, run on the reference and on the submission and compared.

TODO: replace the example properties. See judge/harness.py for the API:
  @prop(strategies..., max_examples=N)  a differential property over generated arguments
  @scaling(ratio=R)                     a complexity check on one large seeded program
  p.call(name, *args)                   call a top-level function of the submission
  p.new(name, *args)                    construct an object; call its methods on the result
"""
from hypothesis import strategies as st

from judge.harness import prop


@prop(st.lists(st.integers(-10**6, 10**6), max_size=30), max_examples=200)
def matches_reference(p, xs):
    """Any list of ints sums to what the reference returns (and is left unchanged)."""
    p.call("solve", xs)


@prop(max_examples=1)
def empty_list(p):
    """The empty list sums to 0."""
    p.call("solve", [])


# A complexity check would look like this (it costs a few seconds per judged submission):
#
# from judge.harness import scaling
#
# @scaling(ratio=10)
# def linear_time(p, rng):
#     """200,000 items: a quadratic solution is far slower than the reference."""
#     p.call("solve", [rng.randrange(-1000, 1000) for _ in range(200_000)])
'''

WRONG = {
    "off_by_one.py": '''\
# expect: WA  starts counting from 1 instead of 0
# TODO: replace each wrong/ file with a plausible wrong solution of the real problem.
# The first line declares the verdict it must get (AC WA TLE MLE RE CE OLE) and why.


def solve(xs):
    total = 1
    for x in xs:
        total += x
    return total
''',
    "empty_list_crashes.py": '''\
# expect: RE  indexes xs[0], so the empty list raises IndexError


def solve(xs):
    total = xs[0]
    for x in xs[1:]:
        total += x
    return total
''',
    "ignores_negatives.py": '''\
# expect: WA  only adds the positive items


def solve(xs):
    total = 0
    for x in xs:
        if x > 0:
            total += x
    return total
''',
    "returns_float.py": '''\
# expect: WA  returns 6.0 where 6 is due (a float where an int is due)


def solve(xs):
    return float(sum(xs))
''',
}


def new_challenge(dest_dir: Path, id: str, category: str) -> Path:  # noqa: A002 - the challenge's id
    """Write `dest_dir/id/` with a working example challenge; returns the folder."""
    if not CHALLENGE_ID.match(id or ""):
        raise JudgeError(f"challenge id {id!r}: expected a lowercase identifier like lru_cache")
    if category not in CATEGORIES:
        raise JudgeError(f"category {category!r}: expected one of {', '.join(CATEGORIES)}")
    folder = Path(dest_dir) / id
    if folder.exists():
        raise JudgeError(f"{folder} already exists; choose another id or folder")
    (folder / "wrong").mkdir(parents=True)
    files = {
        "challenge.yaml": CHALLENGE_YAML.format(id=id, category=category, categories=", ".join(CATEGORIES),
                                                runtimes=", ".join(RUNTIMES)),
        "spec.md": SPEC_MD,
        "reference.py": REFERENCE_PY,
        "properties.py": PROPERTIES_PY,
        **{f"wrong/{name}": text for name, text in WRONG.items()},
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- the `judge new` command (judge/cli.py adds the subparser and calls these)

def add_new_arguments(parser) -> None:
    parser.add_argument("id", help="the new challenge's id, also its folder name (lowercase, e.g. two_sum)")
    parser.add_argument("--category", choices=CATEGORIES, default="coding")
    parser.add_argument("--dest", type=Path, default=Path("."), metavar="DIR",
                        help="folder to create the challenge folder in (default: the current folder)")


def command_new(args) -> int:
    folder = new_challenge(args.dest, args.id, args.category)
    print(folder)
    print(f"next: edit the files (each says what to replace), then run "
          f"`judge check --challenges-dir {args.dest} {args.id}`")
    return 0
