"""Trusted-side checks of a submission's source, before anything runs.

The source is parsed here (never executed) so that syntax errors, bad encodings and the
challenge's static constraints (forbidden imports and names) are a CE naming the line.
"""
from __future__ import annotations

import ast
import codecs
import io
import tokenize
import traceback
from pathlib import Path

from judge.challenge import Challenge
from judge.errors import JudgeError

MAX_SOURCE_BYTES = 1 << 20


class SourceRejected(Exception):
    """The submission cannot be judged as Python: a compile error (CE). `detail`, when there is
    one, shows the offending line with a caret, as Python prints a SyntaxError."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


def read_submission(path: Path) -> bytes:
    path = Path(path)
    if path.is_dir():
        raise JudgeError(f"{path} is a directory, expected a Python file")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise JudgeError(f"{path}: no such file") from None
    except OSError as exc:
        raise JudgeError(f"{path}: cannot read ({exc.strerror})") from None


def check_source(path: Path, challenge: Challenge) -> bytes:
    source = read_submission(path)
    if len(source) > MAX_SOURCE_BYTES:
        raise SourceRejected(f"the source is larger than {MAX_SOURCE_BYTES >> 20} MiB")
    text = decode_source(source)
    if "\x00" in text:
        raise SourceRejected(f"the source contains a null byte (line {text[:text.index(chr(0))].count(chr(10)) + 1})")
    try:
        # the bytes, not the text: Python's own reading of the coding line decides, as when the worker imports it
        tree = ast.parse(source, filename=path.name)
    except SyntaxError as exc:
        if not exc.lineno:  # raised while decoding, before any line was read
            raise SourceRejected(f"the source cannot be decoded: {exc.msg}") from None
        column = f", column {exc.offset}" if exc.offset else ""
        detail = "".join(traceback.format_exception_only(SyntaxError, exc)).rstrip("\n")
        raise SourceRejected(f"{path.name}, line {exc.lineno}{column}: {type(exc).__name__}: {exc.msg}",
                             detail) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SourceRejected(f"the source cannot be parsed: {type(exc).__name__}") from None
    violation = find_forbidden(tree, challenge.forbidden_imports, challenge.forbidden_names)
    if violation:
        raise SourceRejected(violation)
    return source


def decode_source(source: bytes) -> str:
    """The text Python reads from these bytes: UTF-8, unless a coding line (PEP 263) on line 1 or 2
    names another encoding; a UTF-8 byte order mark allows no other. Raises SourceRejected where
    Python itself would refuse the file: an unknown or unusable encoding, a byte order mark with
    another encoding, bytes that are not valid in the encoding.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as exc:
        if str(exc.msg).startswith("invalid or missing encoding declaration"):
            encoding = "utf-8"  # bytes that are not UTF-8 on line 1 or 2 and no coding line: located below
        elif source.startswith(codecs.BOM_UTF8):
            raise SourceRejected("the source starts with a UTF-8 byte order mark but its coding line "
                                 "declares another encoding") from None
        else:
            raise SourceRejected(f"the source's coding line cannot be used: {exc.msg}") from None
    try:
        return source.decode(encoding)
    except UnicodeDecodeError as exc:
        line = source[:exc.start].count(b"\n") + 1
        if encoding in ("utf-8", "utf-8-sig"):
            raise SourceRejected(f"the source is not valid UTF-8 (byte {exc.start}, line {line}); a file in "
                                 f"another encoding needs a coding line on line 1 or 2, "
                                 f"e.g. # -*- coding: latin-1 -*-") from None
        raise SourceRejected(f"the source is not valid {encoding}, the encoding its coding line declares "
                             f"(byte {exc.start}, line {line})") from None
    except LookupError as exc:  # a codec that is not a text encoding, e.g. rot13
        raise SourceRejected(f"the source's coding line cannot be used: {exc}") from None


_LITERALS = {ast.Dict: "dict", ast.DictComp: "dict", ast.Set: "set", ast.SetComp: "set",
             ast.List: "list", ast.ListComp: "list", ast.Tuple: "tuple"}


def find_forbidden(tree: ast.AST, imports: tuple[str, ...], names: tuple[str, ...]) -> str | None:
    """The first use of a forbidden module or name, as a message naming the construct and line."""
    banned_modules = set(imports)
    banned_names = set(names)
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        for module in modules:
            if module in banned_modules or module.split(".")[0] in banned_modules:
                return f"line {node.lineno}: importing {module} is not allowed in this challenge"
        literal = _LITERALS.get(type(node))
        if literal in banned_names:  # {} and {x} build a dict or a set without naming it
            return f"line {node.lineno}: a {literal} literal or comprehension is not allowed in this challenge"
        if isinstance(node, ast.Name) and node.id in banned_names:
            return f"line {node.lineno}: using {node.id} is not allowed in this challenge"
        if isinstance(node, ast.Attribute) and node.attr in banned_names:
            return f"line {node.lineno}: using .{node.attr} is not allowed in this challenge"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            if node.args and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).split(".")[0] in banned_modules:
                return f"line {node.lineno}: importing {node.args[0].value} is not allowed in this challenge"
    return None
