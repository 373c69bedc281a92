"""The wire format: exact types survive, lies do not, malformed frames are refused."""
from __future__ import annotations

import json
import math

import pytest

from judge.sandbox import worker
from judge.sandbox.session import strict_loads


@pytest.mark.parametrize("value", [
    None, True, 0, -5, 2**200, 1.5, "text", [1, [2, "x"]], (1, (2,)), {1: "a", "b": (2, 3)},
    {1, 2}, frozenset({"a"}), b"\x00\xff", float("inf"), 1 + 2j, [], (), {},
])
def test_round_trip_keeps_exact_types(value):
    back = worker.decode(json.loads(json.dumps(worker.encode(value))))
    assert back == value and type(back) is type(value)


def test_nan_round_trips_as_a_tag():
    assert math.isnan(worker.decode(json.loads(json.dumps(worker.encode(float("nan"))))))


def test_subclasses_become_opaque():
    class Liar(int):
        def __eq__(self, other):
            return True

    tag = worker.encode(Liar(3))
    assert tag == {"$": "object", "type": f"{__name__}.test_subclasses_become_opaque.<locals>.Liar"}
    assert worker.decode(tag) != 3


def test_bool_is_not_int_after_the_wire():
    assert type(worker.decode(worker.encode(True))) is bool


def test_strict_loads_refuses_nan_and_non_objects():
    with pytest.raises(ValueError):
        strict_loads(b'{"value": NaN}')
    with pytest.raises(ValueError):
        strict_loads(b"[1, 2]")


def test_too_deep_values_are_refused():
    deep = []
    for _ in range(worker.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(ValueError):
        worker.encode(deep)


def test_tensor_round_trip_is_bytes_exact():
    torch = pytest.importorskip("torch")
    for dtype in (torch.float32, torch.float16, torch.bfloat16, torch.int64, torch.bool):
        t = (torch.arange(12).reshape(3, 4) % 5).to(dtype)
        back = worker.decode(json.loads(json.dumps(worker.encode(t))))
        assert back.dtype == dtype and back.shape == t.shape and torch.equal(back, t)


def test_tensor_with_inconsistent_byte_count_is_refused():
    torch = pytest.importorskip("torch")
    tag = worker.encode(torch.zeros(4))
    tag["shape"] = [5]
    with pytest.raises(ValueError, match="bytes"):
        worker.decode(tag)


def test_flat_lists_take_the_fast_path_and_stay_exact():
    """Lists of atoms are copied at C speed on both sides of the wire and compared at C speed, with
    every exactness rule intact: a copy (never the caller's list), bool is not int, huge ints tagged."""
    from judge.compare import exact
    from judge.sandbox.worker import decode, encode

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
