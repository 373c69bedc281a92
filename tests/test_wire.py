"""The wire format: exact types survive, lies do not, malformed frames are refused."""
from __future__ import annotations

import json
import math

import pytest

from sandbox import worker
from sandbox.session import strict_loads


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
