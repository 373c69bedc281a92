"""A submission is read as Python reads it (PEP 263: a coding line on line 1 or 2, else UTF-8), and
rejected as CE exactly where Python itself would refuse the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SUBMISSIONS
from judge.source import SourceRejected, check_source

LATIN1_LRU = ("# -*- coding: latin-1 -*-\n"
              "# Cache LRU: la clé la moins récemment utilisée part en premier (½ page, Müller).\n"
              + (SUBMISSIONS / "lru_ok.py").read_text(encoding="utf-8")
              + 'GREETING = "déjà vu, señor"\n').encode("latin-1")


class _Open:
    forbidden_imports: tuple = ()
    forbidden_names: tuple = ()


def _check(tmp_path: Path, data: bytes) -> str | None:
    path = tmp_path / "submission.py"
    path.write_bytes(data)
    try:
        check_source(path, _Open())
    except SourceRejected as exc:
        return str(exc)
    return None


def test_the_latin1_solution_really_is_latin1():
    assert b"cl\xe9" in LATIN1_LRU and b"\xbd" in LATIN1_LRU
    with pytest.raises(UnicodeDecodeError):
        LATIN1_LRU.decode("utf-8")


@pytest.mark.parametrize("data", [
    LATIN1_LRU,
    b"#!/usr/bin/env python3\n# vim: set fileencoding=latin-1 :\nx = '\xe9'\n",  # the coding line on line 2
    "# coding: euc-jp\nx = '日本'\n".encode("euc-jp"),
    b"\xef\xbb\xbfx = '\xc3\xa9'\n",  # a UTF-8 byte order mark
    b"\xef\xbb\xbf# coding: utf-8\nx = 1\n",
    "x = 'é'\n".encode("utf-8"),
], ids=["latin-1", "cookie-on-line-2", "euc-jp", "bom", "bom-and-utf-8-cookie", "utf-8"])
def test_what_python_compiles_is_accepted(tmp_path, data):
    compile(data, "submission.py", "exec")  # Python agrees
    assert _check(tmp_path, data) is None


@pytest.mark.parametrize("data, words", [
    (b"s = 'caf\xe9'\n", "not valid UTF-8 (byte 8, line 1)"),  # Latin-1 without a coding line
    (b"#!/usr/bin/env python3\n\n# coding: latin-1\ns = '\xe9'\n", "not valid UTF-8 (byte 47, line 4)"),  # line 3
    (b"# -*- coding: no-such-codec -*-\nx = 1\n", "coding line cannot be used: unknown encoding: no-such-codec"),
    (b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n", "byte order mark but its coding line declares another"),
    (b"# coding: ascii\nx = '\xe9'\n", "not valid ascii, the encoding its coding line declares (byte 21, line 2)"),
    (b"# coding: cp1252\nx = '\x81'\n", "not valid cp1252"),
    (b"# coding: rot13\nk = 1\n", "coding line cannot be used: 'rot13' is not a text encoding"),
    (b"# coding: utf-16\nx = 1\n", "not valid utf-16"),
])
def test_what_python_refuses_is_a_compile_error_saying_why(tmp_path, data, words):
    with pytest.raises(SyntaxError):
        compile(data, "submission.py", "exec")  # Python refuses it too
    reason = _check(tmp_path, data)
    assert reason and words in reason and "\n" not in reason, reason


def test_a_latin1_solution_is_accepted(judge_json, tmp_path):
    path = tmp_path / "latin1_lru.py"
    path.write_bytes(LATIN1_LRU)
    code, result = judge_json("lru_cache", path, "--seed", "3")
    assert (code, result["verdict"]) == (0, "AC"), result["message"]


def test_latin1_without_a_coding_line_is_a_compile_error(judge_json, tmp_path):
    path = tmp_path / "latin1_no_cookie.py"
    path.write_bytes(LATIN1_LRU.split(b"\n", 1)[1])
    code, result = judge_json("lru_cache", path)
    assert (code, result["verdict"]) == (1, "CE")
    assert result["message"].startswith("the source is not valid UTF-8 (byte ")
    assert "line 1)" in result["message"] and "coding: latin-1" in result["message"]


@pytest.mark.docker
def test_a_latin1_solution_is_accepted_in_docker(judge_json, tmp_path):
    from judge.sandbox.docker_backend import DockerBackend

    if not DockerBackend().available():
        pytest.skip("no Docker daemon")
    path = tmp_path / "latin1_lru.py"
    path.write_bytes(LATIN1_LRU)
    code, result = judge_json("lru_cache", path, "--seed", "3", sandbox="docker")
    assert (code, result["verdict"], result["sandbox"]) == (0, "AC", "docker"), result["message"]
