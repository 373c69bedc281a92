"""The wire protocol between the judge and the worker: the one module both sides of the trust line import.

Stdlib only, and shipped beside `worker.py` (into every sandbox image, and next to it for the local
sandbox), so the untrusted worker and the trusted judge speak exactly the same format. Nothing here
decides a verdict: it moves values, and runs call programs the same way on either side.

- Framing: a 4-byte big-endian length, then that many bytes of UTF-8 JSON, always an object.
  `write_frame`/`read_frame` are the worker's blocking ends; the judge packs with `pack_frame` and
  cuts replies out of its reader threads' buffer with `take_frame` (see sandbox/session.py).
- Values: tagged JSON keeping exact builtin types (`encode`/`decode`); tensors travel as dtype +
  shape + base64 bytes; any other object becomes an opaque `Handle` naming its type. JSON only:
  nothing that builds objects on load.
- The exception record: `describe_exception` reduces an exception to data on the side that caught
  it, `Raised.from_record` rebuilds it on the judge's side, refusing a malformed one.
- Call programs: `execute` runs one "run" message's calls (the worker against the submission, the
  judge against the trusted reference), and `run_workload` drives a kept object from a support.py
  generator, digesting the outcomes, so equal digests mean equal outcomes.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import struct
import sys
import traceback

MAX_DEPTH = 200
MESSAGE_CHARS = 2000
TRACEBACK_CHARS = 4000
HEADER = struct.Struct(">I")


# ---------------------------------------------------------------- framing

class FrameTooLarge(ValueError):
    """A frame's header announces more bytes than the reader accepts."""


def _reject_constant(name: str):
    raise ValueError(f"non-standard JSON constant {name}")


def parse_frame(body: bytes) -> dict:
    """One frame's JSON body: an object, with no NaN or Infinity constants (floats travel tagged)."""
    message = json.loads(body, parse_constant=_reject_constant)
    if type(message) is not dict:
        raise ValueError("a message must be a JSON object")
    return message


def pack_frame(message: dict) -> bytes:
    data = json.dumps(message, allow_nan=False, separators=(",", ":")).encode()
    return HEADER.pack(len(data)) + data


def take_frame(buffer: bytearray, max_bytes: int) -> bytes | None:
    """Cut the first complete frame's body out of `buffer`; None while it is incomplete.
    Raises FrameTooLarge as soon as the header announces more than `max_bytes`."""
    if len(buffer) < HEADER.size:
        return None
    (length,) = HEADER.unpack_from(buffer)
    if length > max_bytes:
        raise FrameTooLarge(length)
    if len(buffer) < HEADER.size + length:
        return None
    body = bytes(buffer[HEADER.size:HEADER.size + length])
    del buffer[:HEADER.size + length]
    return body


def write_frame(fd: int, message: dict) -> None:
    view = memoryview(pack_frame(message))
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> dict | None:
    """The next message from `fd`, or None at end of stream."""
    header = _read_exact(fd, HEADER.size)
    if header is None:
        return None
    body = _read_exact(fd, HEADER.unpack(header)[0])
    return None if body is None else parse_frame(body)


# ---------------------------------------------------------------- values

class Handle:
    """A reference to an object that lives on one side of the wire (judge side: a decoded tag)."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __eq__(self, other: object) -> bool:
        return type(other) is Handle

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"<{self.type_name.rsplit('.', 1)[-1]} object>"


def type_name(t: type) -> str:
    """A type's qualified name, `module.qualname`, or "?" when a hostile type hides them."""
    module = getattr(t, "__module__", "?")
    qualname = getattr(t, "__qualname__", "?")
    return f"{module}.{qualname}" if isinstance(module, str) and isinstance(qualname, str) else "?"


def _torch():
    return sys.modules.get("torch")


_PLAIN_ATOMS = frozenset({str, bool, type(None)})  # JSON keeps these exactly (ints up to a size, floats tagged)
_JSON_ATOMS = frozenset({int, str, bool, float, type(None)})


def encode(value, depth: int = 0):
    """Encode a value as tagged JSON, keeping only exact builtin types (subclasses become opaque)."""
    if depth > MAX_DEPTH:
        raise ValueError("value nested too deeply")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        if value.bit_length() > 4000:
            return {"$": "int", "v": hex(value)}
        return value
    if t is float:
        return value if math.isfinite(value) else {"$": "float", "v": repr(value)}
    if t is list:
        kinds = set(map(type, value))
        if kinds <= _PLAIN_ATOMS or (kinds == {int} and max(value).bit_length() <= 4000
                                     and min(value).bit_length() <= 4000):
            return list(value)  # strs, bools, None, or ints of ordinary size: encoded as they are
        return [encode(v, depth + 1) for v in value]
    if t is tuple:
        return {"$": "tuple", "v": [encode(v, depth + 1) for v in value]}
    if t is dict:
        return {"$": "dict", "v": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if t is set or t is frozenset:
        return {"$": t.__name__, "v": [encode(v, depth + 1) for v in value]}
    if t is bytes:
        return {"$": "bytes", "v": base64.b64encode(value).decode()}
    if t is complex:
        return {"$": "complex", "v": [encode(value.real), encode(value.imag)]}
    torch = _torch()
    if torch is not None and t is torch.Tensor:
        return _encode_tensor(value)
    return {"$": "object", "type": type_name(t)}


def _encode_or_opaque(value):
    """For echoed arguments: a value too deep to send is reported as opaque, not as a failed call."""
    try:
        return encode(value)
    except (ValueError, RecursionError):
        return {"$": "object", "type": "unencodable"}


def _encode_tensor(tensor) -> dict:
    torch = _torch()
    device = str(tensor.device)
    flat = tensor.detach().to("cpu").contiguous().reshape(-1)
    raw = flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b""
    return {"$": "tensor", "dtype": str(tensor.dtype).removeprefix("torch."), "shape": list(tensor.shape),
            "device": device, "requires_grad": bool(tensor.requires_grad), "data": base64.b64encode(raw).decode()}


TENSOR_DTYPES = ("float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool")


def _decode_tensor(tag: dict, device: str | None):
    import torch

    dtype_name = tag["dtype"]
    if dtype_name not in TENSOR_DTYPES:
        raise ValueError(f"tensor dtype {dtype_name!r} is not allowed")
    dtype = getattr(torch, dtype_name)
    shape = [int(d) for d in tag["shape"]]
    if any(type(d) is not int or d < 0 for d in tag["shape"]):
        raise ValueError("bad tensor shape")
    raw = base64.b64decode(tag["data"], validate=True)
    count = math.prod(shape)
    itemsize = torch.empty((), dtype=dtype).element_size()
    if len(raw) != count * itemsize:
        raise ValueError(f"tensor data has {len(raw)} bytes, shape {shape} of {dtype_name} needs {count * itemsize}")
    if count == 0:
        tensor = torch.empty(shape, dtype=dtype)
    else:
        tensor = torch.frombuffer(bytearray(raw), dtype=torch.uint8).view(dtype).reshape(shape).clone()
    if device is not None:
        tensor = tensor.to(device)
    else:  # judge side: remember where the worker said the tensor was
        tensor.judge_device = str(tag.get("device", "cpu"))
    if tag.get("requires_grad"):
        tensor.requires_grad_(True)
    return tensor


def decode(value, handles: dict | None = None, device: str | None = None):
    """Rebuild a value from tagged JSON using builtin constructors only (no unpickling, no eval)."""
    t = type(value)
    if value is None or t in (bool, int, float, str):
        return value
    if t is list:
        if _JSON_ATOMS.issuperset(map(type, value)):  # atoms decode to themselves: a copy at C speed
            return list(value)
        return [decode(v, handles, device) for v in value]
    if t is not dict:
        raise ValueError(f"unexpected JSON value of type {t.__name__}")
    tag = value.get("$")
    if tag == "tuple":
        return tuple(decode(v, handles, device) for v in value["v"])
    if tag == "dict":
        return {decode(k, handles, device): decode(v, handles, device) for k, v in value["v"]}
    if tag == "set":
        return {decode(v, handles, device) for v in value["v"]}
    if tag == "frozenset":
        return frozenset(decode(v, handles, device) for v in value["v"])
    if tag == "float":
        text = value["v"]
        if text not in ("nan", "inf", "-inf"):
            raise ValueError("bad float tag")
        return float(text)
    if tag == "int":
        return int(value["v"], 16)
    if tag == "bytes":
        return base64.b64decode(value["v"], validate=True)
    if tag == "complex":
        return complex(decode(value["v"][0]), decode(value["v"][1]))
    if tag == "tensor":
        return _decode_tensor(value, device)
    if tag == "object":
        return Handle(str(value["type"]))
    if tag == "ref":
        if handles is None:
            raise ValueError("object reference outside a program")
        return handles[int(value["id"])]
    raise ValueError(f"unknown tag {tag!r}")


# ---------------------------------------------------------------- the exception record

class Raised:
    """An exception raised by a call, reduced to data: qualified type name, message, traceback."""

    __slots__ = ("type", "message", "traceback", "bases")

    def __init__(self, type: str, message: str, traceback: str = "", bases: tuple = ()) -> None:
        self.type, self.message, self.traceback = type, message, traceback
        self.bases = bases  # qualified names of the type's ancestors, for "raises ValueError" to accept a subclass

    @classmethod
    def from_record(cls, record) -> "Raised":
        """Rebuild the record `describe_exception` made; ValueError when it is not one."""
        if type(record) is not dict or not all(type(record.get(k, "")) is str for k in ("type", "message", "traceback")):
            raise ValueError("malformed exception report")
        bases = record.get("bases", [])
        if type(bases) is not list or not all(type(b) is str for b in bases):
            raise ValueError("malformed exception report")
        return cls(record["type"], record.get("message", ""), record.get("traceback", ""), tuple(bases))

    def __repr__(self) -> str:
        name = self.type.removeprefix("builtins.")
        return f"{name}({self.message!r})" if self.message else name


def describe_exception(exc: BaseException) -> dict:
    """Reduce an exception to data; every step guarded, since its __str__ may be hostile."""
    try:
        message = str(exc)[:MESSAGE_CHARS]
    except BaseException:  # noqa: BLE001 - a hostile __str__ must not escape
        message = "<unprintable message>"
    try:
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-TRACEBACK_CHARS:]
    except BaseException:  # noqa: BLE001
        tb = ""
    return {"type": type_name(type(exc)), "message": message, "traceback": tb, "bases": exception_bases(type(exc))}


def exception_bases(kind: type) -> list:
    """The qualified names of an exception type's ancestors, nearest first (object left out)."""
    try:
        return [type_name(t) for t in kind.__mro__[1:] if t is not object][:32]
    except BaseException:  # noqa: BLE001 - a hostile metaclass
        return []


# ---------------------------------------------------------------- call programs

def execute(namespace: dict, support: dict, calls: list, device: str | None = None,
            catch: type[BaseException] = BaseException) -> list:
    """Run one program: a list of calls on fresh objects. Returns, per call, a tagged outcome.

    A call is {"target": None | "support" | handle index, "name": str, "args": [...], "kwargs": {...},
    "keep": bool, "echo": bool}. `keep` stores the result so later calls can target it; `echo`
    returns the arguments as they are after the call, so the judge can tell whether they were mutated.
    """
    handles: dict[int, object] = {}
    outcomes = []
    for index, call in enumerate(calls):
        outcome: dict = {}
        try:
            args = decode(call.get("args", []), handles, device)
            kwargs = {k: decode(v, handles, device) for k, v in call.get("kwargs", {}).items()}
            target = call.get("target")
            if target == "workload":  # a support.py generator drives a kept object; one digest comes back
                result = run_workload(args[0], support[call["name"]](*args[1:], **kwargs), call.get("window"))
                outcomes.append({"value": encode(result)})
                continue
            if target is None or target == "support":
                head, *rest = call["name"].split(".")
                func = (namespace if target is None else support)[head]
                for attribute in rest:  # "MinHeap.heapify": a class's factory method
                    func = getattr(func, attribute)
            else:
                func = getattr(handles[int(target)], call["name"])
            result = func if call.get("fetch") else func(*args, **kwargs)
            if call.get("keep"):  # kept objects are used by later calls, never compared themselves
                handles[index] = result
                outcome["value"] = {"$": "object", "type": type_name(type(result))}
            else:
                outcome["value"] = encode(result)
        except catch as exc:  # the submission may raise anything, SystemExit included
            outcome = {"raise": describe_exception(exc)}
        if call.get("echo") and "raise" not in outcome:
            try:
                outcome["args_after"] = [_encode_or_opaque(a) for a in args]
                if kwargs:
                    outcome["kwargs_after"] = {k: _encode_or_opaque(v) for k, v in kwargs.items()}
            except catch as exc:
                outcome = {"raise": describe_exception(exc)}
        outcomes.append(outcome)
    return outcomes


WORKLOAD_CHUNK = 4096  # operations per digest: a mismatch is narrowed to one chunk without a rerun


def run_workload(obj, operations, window: list | None = None) -> dict:
    """Drive `obj` with `(method, args)` pairs from a support.py generator: a scaling property's
    hundreds of thousands of calls at the cost of a loop, not of one wire round trip each.

    Each operation's outcome is its encoded value (exact builtin types, as `encode` keeps them) or
    `{"$raise": qualified type name}`; the outcomes are digested in chunks of WORKLOAD_CHUNK. Both
    sides run this very function (the reference in the judge, the submission in the sandbox), so
    equal digests mean equal outcomes. `window=[lo, hi]` also returns the outcomes of operations
    lo..hi-1 and the operations themselves, which the judge uses only to explain a mismatch.
    """
    lo, hi = window if window else (0, 0)
    chunks, pending, shown, done = [], [], [], 0
    for method, op_args in operations:
        raised = None
        try:
            value = getattr(obj, method)(*op_args)
            kind = type(value)
            outcome = value if (kind is int and -(1 << 62) < value < (1 << 62)) or kind is str or value is None \
                else encode(value)
        except Exception as exc:  # noqa: BLE001 - an operation's exception is its outcome
            raised = type(exc)
            outcome = {"$raise": type_name(raised)}
        pending.append(outcome)
        if lo <= done < hi:  # an exception is shown with its ancestors: "raises KeyError" takes a subclass
            shown.append([method, encode(list(op_args)), outcome if raised is None else
                          {**outcome, "bases": exception_bases(raised)}])
        done += 1
        if len(pending) == WORKLOAD_CHUNK:
            chunks.append(_digest(pending))
            pending = []
    if pending:
        chunks.append(_digest(pending))
    result = {"operations": done, "chunks": chunks}
    if window:
        result["window"] = shown
    return result


def _digest(outcomes: list) -> str:
    return hashlib.sha256(json.dumps(outcomes, separators=(",", ":"), allow_nan=True).encode()).hexdigest()[:24]
