"""A challenge is one folder: challenge.yaml, spec.md, reference.py, properties.py, wrong/.

`challenge.yaml` is validated on load; every error names the file, the field and what was
expected, so an author can fix it without reading judge code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from judge.errors import JudgeError
from judge.sandbox.session import PROFILES, Limits
from judge.sandbox.verdict import Verdict

CATEGORIES = ("dsa", "coding", "system-design", "genai")
RUNTIMES = PROFILES  # a challenge's runtime is the sandbox profile it runs in
# How a raised exception is compared with the reference's: a subclass passes (the default, as
# `except ValueError` would take it), or only the very type (a spec that says "its own type").
EXCEPTION_MATCHING = ("subclass", "exact")
REQUIRED_FILES = ("spec.md", "reference.py", "properties.py")
# Every key challenge.yaml may hold, per level; judge/challenge.schema.json publishes the same.
# `seed` is the old name of `source_question`, still read: it looked like --seed, the random seed.
FIELDS = ("id", "title", "category", "source_question", "runtime", "limits", "interface", "constraints", "exceptions",
          "seed")
LIMIT_FIELDS = ("cpu_seconds", "wall_seconds", "memory_mib", "output_kib")
CONSTRAINT_FIELDS = ("forbidden_imports", "forbidden_names")
SCHEMA_PATH = Path(__file__).with_name("challenge.schema.json")
CHALLENGE_ID = re.compile(r"^[a-z][a-z0-9_]*$")  # also the folder's name, and what `judge new` accepts
_EXPECT = re.compile(r"^#\s*expect(?:ed)?:\s*([A-Z]+)\b(.*)$", re.MULTILINE)


# libyaml's safe loader where PyYAML was built with it: `judge list` parses every challenge.yaml.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ChallengeError(JudgeError):
    """challenge.yaml or the folder around it is not a valid challenge."""


@dataclass(frozen=True)
class WrongSubmission:
    path: Path
    expected: Verdict  # the verdict it must get
    why: str


@dataclass(frozen=True)
class Challenge:
    id: str
    title: str
    category: str
    source_question: str  # the interview question this challenge comes from (not a random seed)
    runtime: str
    limits: Limits
    interface: tuple[str, ...]
    path: Path
    forbidden_imports: tuple[str, ...] = ()
    forbidden_names: tuple[str, ...] = ()
    exact_exceptions: bool = False  # `exceptions: exact`: a subclass of the reference's exception is WA

    @cached_property
    def wrong(self) -> tuple[WrongSubmission, ...]:
        """The known-wrong submissions in wrong/, each with the verdict it must get. Read when first
        asked for (`judge check`, the catalog tests): listing and judging never need the ~400 files.
        Raises ChallengeError for one without its '# expect: VERDICT' line."""
        return tuple(WrongSubmission(path, *read_expected_verdict(path))
                     for path in sorted((self.path / "wrong").glob("*.py")) if path.is_file())

    @property
    def spec(self) -> str:
        return (self.path / "spec.md").read_text(encoding="utf-8")

    @property
    def reference_path(self) -> Path:
        return self.path / "reference.py"

    @property
    def properties_path(self) -> Path:
        return self.path / "properties.py"

    @property
    def support_path(self) -> Path | None:
        support = self.path / "support.py"
        return support if support.is_file() else None


def _reject_unknown(data: dict, known: tuple[str, ...], where: str) -> None:
    """A misspelt key is an error with a did-you-mean: silently ignoring `forbidden_import:` would
    judge without the constraint its author meant."""
    import difflib

    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
            raise ChallengeError(f"{where}: unknown field '{key}' ({hint})")


def _field(data: dict, name: str, where: str, kind, check=None, expected: str = "", default=...):
    if name not in data:
        if default is not ...:
            return default
        raise ChallengeError(f"{where}: field '{name}' is missing (expected {expected})")
    value = data[name]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool or (check and not check(value)):
        raise ChallengeError(f"{where}: field '{name}' is {value!r}, expected {expected}")
    return value


def _names(data: dict, name: str, where: str, default=...) -> tuple[str, ...]:
    value = _field(data, name, where, list, lambda v: all(isinstance(x, str) and x for x in v),
                   "a list of names", default)
    return tuple(value)


def read_expected_verdict(path: Path) -> tuple[Verdict, str]:
    """A wrong submission declares its verdict on a comment line: `# expect: WA  why it fails`."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ChallengeError(f"{path}: cannot read ({exc.strerror})") from None
    match = _EXPECT.search(text)
    if not match or match.group(1) not in Verdict.__members__:
        rejections = ", ".join(v for v in Verdict if v not in (Verdict.AC, Verdict.IE))
        raise ChallengeError(f"{path}: no '# expect: VERDICT' line (one of {rejections})")
    return Verdict(match.group(1)), match.group(2).strip(" -:")


def load_challenge(folder: Path) -> Challenge:
    folder = Path(folder)
    where = str(folder / "challenge.yaml")
    try:
        data = yaml.load((folder / "challenge.yaml").read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except OSError as exc:
        raise ChallengeError(f"{where}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ChallengeError(f"{where}: not valid YAML{at}") from None
    if not isinstance(data, dict):
        raise ChallengeError(f"{where}: expected a mapping of fields, got {type(data).__name__}")
    _reject_unknown(data, FIELDS, where)
    cid = _field(data, "id", where, str, CHALLENGE_ID.match, "a lowercase identifier like lru_cache")
    if cid != folder.name:
        raise ChallengeError(f"{where}: field 'id' is {cid!r}, expected the folder name {folder.name!r}")
    title = _field(data, "title", where, str, str.strip, "a non-empty title")
    category = _field(data, "category", where, str, CATEGORIES.__contains__, " or ".join(CATEGORIES))
    if "seed" in data and "source_question" in data:
        raise ChallengeError(f"{where}: field 'seed' is the old name of 'source_question': give only 'source_question'")
    source_question = _field(data, "seed" if "seed" in data else "source_question", where, str, str.strip,
                             "the interview question this challenge comes from, "
                             "e.g. 'Data Structures and Algorithms 1'")
    runtime = _field(data, "runtime", where, str, RUNTIMES.__contains__, " or ".join(RUNTIMES))
    raw_limits = _field(data, "limits", where, dict, None, "a mapping of limits")
    lwhere = f"{where}: limits"
    _reject_unknown(raw_limits, LIMIT_FIELDS, lwhere)
    number = (int, float)
    positive = "a positive number"
    limits = Limits(
        cpu_seconds=float(_field(raw_limits, "cpu_seconds", lwhere, number, lambda v: v > 0, positive)),
        wall_seconds=float(_field(raw_limits, "wall_seconds", lwhere, number, lambda v: v > 0, positive)),
        memory_mib=_field(raw_limits, "memory_mib", lwhere, int, lambda v: v >= 32, "an integer >= 32"),
        output_kib=_field(raw_limits, "output_kib", lwhere, int, lambda v: v > 0, "a positive integer"),
    )
    interface = _names(data, "interface", where)
    if not interface:
        raise ChallengeError(f"{where}: field 'interface' is empty, expected the names the submission must define")
    constraints = _field(data, "constraints", where, dict, None, "a mapping", default={})
    exceptions = _field(data, "exceptions", where, str, EXCEPTION_MATCHING.__contains__,
                        " or ".join(EXCEPTION_MATCHING), default="subclass")
    cwhere = f"{where}: constraints"
    _reject_unknown(constraints, CONSTRAINT_FIELDS, cwhere)
    for missing in REQUIRED_FILES:
        if not (folder / missing).is_file():
            raise ChallengeError(f"{folder}: missing {missing}")
    return Challenge(
        id=cid, title=title, category=category, source_question=source_question, runtime=runtime, limits=limits,
        interface=interface, path=folder,
        forbidden_imports=_names(constraints, "forbidden_imports", cwhere, ()),
        forbidden_names=_names(constraints, "forbidden_names", cwhere, ()),
        exact_exceptions=exceptions == "exact",
    )
