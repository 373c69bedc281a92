"""Defaults from `[tool.judge]` in the current project's pyproject.toml; the command line wins.

Looked up from the working folder upwards (the first pyproject.toml found decides, as pytest and
ruff do), so a course or a challenge pack sets its sandbox, examples or challenge folder once.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from judge.errors import JudgeError

# key in [tool.judge] -> (argparse destination, type check, what it means)
KEYS: dict[str, tuple[str, type, str]] = {
    "sandbox": ("sandbox", str, "auto, docker or local"),
    "max_examples": ("max_examples", int, "examples per property"),
    "challenges_dir": ("challenges_dir", list, "extra challenge folders, relative to pyproject.toml"),
    "jobs": ("jobs", int, "submissions judged at once"),
}


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_defaults(start: Path | None = None) -> dict[str, Any]:
    """The argparse defaults `[tool.judge]` sets, keyed by destination; {} without a table."""
    path = find_pyproject(Path.cwd() if start is None else start)
    if path is None:
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("judge", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise JudgeError(f"{path}: cannot read [tool.judge]: {exc}") from None
    if not isinstance(table, dict):
        raise JudgeError(f"{path}: [tool.judge] must be a table")
    defaults: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(KEYS)})"
            raise JudgeError(f"{path}: unknown key [tool.judge] {key}{hint}")
        dest, kind, meaning = KEYS[key]
        if key == "challenges_dir":
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise JudgeError(f"{path}: [tool.judge] challenges_dir must be a folder or a list of folders")
            value = [path.parent / v for v in value]
        elif not isinstance(value, kind) or isinstance(value, bool):
            raise JudgeError(f"{path}: [tool.judge] {key} must be {kind.__name__} ({meaning})")
        defaults[dest] = value
    return defaults
