"""The wire format: exact types survive, lies do not, malformed frames are refused."""
from __future__ import annotations

import ast
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from judge.sandbox import protocol
from judge.sandbox.protocol import parse_frame

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value", [
    None, True, 0, -5, 2**200, 1.5, "text", [1, [2, "x"]], (1, (2,)), {1: "a", "b": (2, 3)},
    {1, 2}, frozenset({"a"}), b"\x00\xff", float("inf"), 1 + 2j, [], (), {},
])
def test_round_trip_keeps_exact_types(value):
    back = protocol.decode(json.loads(json.dumps(protocol.encode(value))))
    assert back == value and type(back) is type(value)


def test_nan_round_trips_as_a_tag():
    assert math.isnan(protocol.decode(json.loads(json.dumps(protocol.encode(float("nan"))))))


def test_subclasses_become_opaque():
    class Liar(int):
        def __eq__(self, other):
            return True

    tag = protocol.encode(Liar(3))
    assert tag == {"$": "object", "type": f"{__name__}.test_subclasses_become_opaque.<locals>.Liar"}
    assert protocol.decode(tag) != 3


def test_bool_is_not_int_after_the_wire():
    assert type(protocol.decode(protocol.encode(True))) is bool


def test_parse_frame_refuses_nan_and_non_objects():
    with pytest.raises(ValueError):
        parse_frame(b'{"value": NaN}')
    with pytest.raises(ValueError):
        parse_frame(b"[1, 2]")


def test_too_deep_values_are_refused():
    deep = []
    for _ in range(protocol.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(ValueError):
        protocol.encode(deep)


def test_tensor_round_trip_is_bytes_exact():
    torch = pytest.importorskip("torch")
    for dtype in (torch.float32, torch.float16, torch.bfloat16, torch.int64, torch.bool):
        t = (torch.arange(12).reshape(3, 4) % 5).to(dtype)
        back = protocol.decode(json.loads(json.dumps(protocol.encode(t))))
        assert back.dtype == dtype and back.shape == t.shape and torch.equal(back, t)


def test_tensor_with_inconsistent_byte_count_is_refused():
    torch = pytest.importorskip("torch")
    tag = protocol.encode(torch.zeros(4))
    tag["shape"] = [5]
    with pytest.raises(ValueError, match="bytes"):
        protocol.decode(tag)


def test_flat_lists_take_the_fast_path_and_stay_exact():
    """Lists of atoms are copied at C speed on both sides of the wire and compared at C speed, with
    every exactness rule intact: a copy (never the caller's list), bool is not int, huge ints tagged."""
    from judge.compare import exact
    from judge.sandbox.protocol import decode, encode

    plain = list(range(1000)) + ["a", None, True]
    encoded = encode(plain)
    assert encoded == plain and encoded is not plain
    decoded = decode(encoded)
    assert decoded == plain and decoded is not encoded
    huge = [1, 2**5000]
    assert encode(huge)[1] == {"$": "int", "v": hex(2**5000)}
    assert exact([1, 2, 3], [1, 2, 3]) is None
    assert exact([1, 2, 3], [1, True, 3]) is not None  # equal under ==, not the same type
    assert exact([1.0, 2.0], [1, 2]) is not None
    assert exact(["a", None], ["a", None]) is None


# ---------------------------------------------------------------- the trust line in the imports

SOURCE_FOLDERS = ("judge", "sandbox", "challenges", "plugins")
WORKER_MODULES = {"sandbox.worker", "judge.sandbox.worker"}


def _imports(path: Path, top_level_only: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in a file; `from X import y` counts as X and as X.y."""
    tree = ast.parse(path.read_bytes(), str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    if top_level_only:  # imports inside a module-level try: still run at import time
        nodes = [n for stmt in nodes for n in ([stmt] if not isinstance(stmt, ast.Try) else ast.walk(stmt))]
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_nothing_but_the_sandbox_process_imports_the_worker():
    """The judge, the backends, the challenges and the plugins share the protocol module with the
    worker, never the worker itself: it runs only inside the sandbox, as a script."""
    offenders = []
    for folder in SOURCE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "sandbox" / "worker.py":
                continue
            offenders += [f"{path.relative_to(ROOT)}:{line} imports {module}"
                          for line, module in _imports(path) if module in WORKER_MODULES]
    assert not offenders, offenders


def test_the_worker_and_the_protocol_import_only_the_standard_library():
    """What runs inside a bare `python3` image: the stdlib, the protocol module beside the worker,
    and torch only lazily (inside a function, when a tensor crosses the wire)."""
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for name, extra in (("protocol.py", set()), ("worker.py", {"protocol"})):
        modules = {module.split(".")[0] for _, module in _imports(ROOT / "sandbox" / name, top_level_only=True)}
        assert modules <= allowed | extra, (name, modules - allowed - extra)


def test_the_worker_runs_from_a_folder_of_its_shipped_files_alone(tmp_path):
    """The files the images copy (and nothing else, not even site-packages: python3 -I -S) make a
    working worker; the submission then sees neither that folder nor the protocol on sys.path."""
    from judge.sandbox.images import WORKER_FILES
    from judge.sandbox.protocol import Raised, read_frame, write_frame

    shipped = tmp_path / "opt"
    shipped.mkdir()
    for path in WORKER_FILES:
        shutil.copyfile(path, shipped / path.name)
    job = tmp_path / "job"
    job.mkdir()
    (job / "submission.py").write_text(
        "import sys\n"
        "def add(a, b):\n    return a + b\n"
        "def boom():\n    return 1 / 0\n"
        "def search_path():\n    return [p for p in sys.path if p]\n")
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-B", str(shipped / "worker.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        send, receive = proc.stdin.fileno(), proc.stdout.fileno()
        write_frame(send, {"op": "hello", "id": 1, "submission": str(job / "submission.py"), "support": None,
                           "names": ["add", "boom"], "torch": False, "device": "cpu"})
        assert read_frame(receive) == {"op": "ready", "id": 1, "missing": []}
        calls = [{"target": None, "name": "add", "args": [2, 3]}, {"target": None, "name": "boom", "args": []},
                 {"target": None, "name": "search_path", "args": []}]
        write_frame(send, {"op": "run", "id": 2, "calls": calls})
        reply = read_frame(receive)
        assert reply["op"] == "result" and reply["id"] == 2
        added, raised, search_path = reply["outcomes"]
        assert added == {"value": 5}
        assert Raised.from_record(raised["raise"]).type == "builtins.ZeroDivisionError"
        assert str(shipped) not in search_path["value"] and str(job) in search_path["value"]
        write_frame(send, {"op": "bye"})
        assert proc.wait(timeout=10) == 0, proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


def test_a_frame_is_cut_whole_and_an_oversized_header_is_refused():
    from judge.sandbox.protocol import FrameTooLarge, pack_frame, take_frame

    buffer = bytearray(pack_frame({"op": "pong", "id": 7}) + pack_frame({"op": "x"})[:3])
    assert parse_frame(take_frame(buffer, 1 << 20)) == {"op": "pong", "id": 7}
    assert take_frame(buffer, 1 << 20) is None and len(buffer) == 3  # an incomplete frame waits
    with pytest.raises(FrameTooLarge):
        take_frame(bytearray(pack_frame({"v": "x" * 100})), 64)
