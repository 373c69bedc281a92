"""The in-sandbox worker: imports a submission and executes the calls the judge sends it.

Stdlib only, plus `protocol.py`, which is shipped beside it (torch is imported lazily, only when a
tensor crosses the wire). It runs the *untrusted* side, so nothing it says is believed: it reports
values, never verdicts. The judge re-checks every type, compares every value and measures every
resource from outside.

The judge never imports this module. What both sides share (framing, the value codec, the
exception record, running a call program) lives in `sandbox/protocol.py`; this file is only the
sandbox's main loop, the bench loop, and importing the submission.
"""
from __future__ import annotations

import importlib.util
import os
import sys

# Run as a script under `python3 -I`, whose sys.path leaves out the script's own folder: find
# protocol.py beside this file, then take the folder away again so the submission never sees it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from protocol import decode, describe_exception, encode, execute, read_frame, write_frame
finally:
    del sys.path[0]

PRELOAD_TORCH = "--preload-torch"  # argv flag: import torch before the hello arrives
PREPARE_SANDBOX = "prepare_sandbox"  # a support.py function the worker calls before importing the submission


def bench(namespace: dict, support: dict, message: dict, device: str | None) -> dict:
    """Run one function `repeat` times on fresh inputs from support.py and return the last output.

    The judge times this whole message from outside; with "empty" the loop makes the same inputs
    but calls nothing, which is the cost the judge subtracts. No timing is reported from here.
    """
    try:
        make = support[message["inputs"]]
        calls = [make(decode(message["shape"]), int(message["seed"]) + i) for i in range(int(message["repeat"]))]
        if device not in (None, "cpu"):
            calls = [tuple(a.to(device) if hasattr(a, "to") else a for a in args) for args in calls]
        kwargs = decode(message.get("kwargs", {"$": "dict", "v": []}))
        func = (namespace if message.get("target") is None else support)[message["name"]]
        output = None
        for args in calls:
            output = args[0] if message.get("empty") else func(*args, **kwargs)
        torch = sys.modules.get("torch")
        if torch is not None and device not in (None, "cpu"):
            torch.cuda.synchronize()
        return {"value": encode(output)}
    except BaseException as exc:  # noqa: BLE001
        return {"raise": describe_exception(exc)}


def load_module(path: str, name: str) -> dict:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return vars(module)


# ---------------------------------------------------------------- main loop (sandbox side only)

def main() -> None:
    # Keep private copies of the protocol pipes, then point fds 0/1 away from them: whatever the
    # submission prints goes to fd 2, which the judge counts against the output limit.
    proto_in, proto_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    sys.stdout = sys.stderr
    sys.setrecursionlimit(10_000)

    if PRELOAD_TORCH in sys.argv[1:]:
        import torch  # noqa: F401 - while the judge still loads its side; the hello finds it ready
    hello = read_frame(proto_in)
    if not hello or hello.get("op") != "hello":
        os._exit(3)
    device = hello.get("device")
    if hello.get("torch"):
        import torch  # noqa: F401 - loaded before the submission so tensors can be decoded

    support: dict = {}
    try:
        if hello.get("support"):
            support = load_module(hello["support"], "judge_support")
            if callable(support.get(PREPARE_SANDBOX)):  # e.g. a fake clock that `from time import ...` sees
                support[PREPARE_SANDBOX]()
        sys.path.insert(0, os.path.dirname(hello["submission"]))
        namespace = load_module(hello["submission"], "submission")
    except BaseException as exc:  # noqa: BLE001
        write_frame(proto_out, {"op": "import_error", "id": hello.get("id"), "error": describe_exception(exc)})
        os._exit(0)
    missing = [n for n in hello.get("names", []) if n not in namespace]
    write_frame(proto_out, {"op": "ready", "id": hello.get("id"), "missing": missing})

    while True:
        message = read_frame(proto_in)
        if message is None or message.get("op") == "bye":
            os._exit(0)
        if message.get("op") == "ping":
            write_frame(proto_out, {"op": "pong", "id": message["id"]})
            continue
        if message.get("op") == "bench":
            write_frame(proto_out, {"op": "bench_result", "id": message["id"],
                                    **bench(namespace, support, message, device)})
            continue
        outcomes = execute(namespace, support, message["calls"], device)
        try:
            write_frame(proto_out, {"op": "result", "id": message["id"], "outcomes": outcomes})
        except (ValueError, TypeError, RecursionError) as exc:
            write_frame(proto_out, {"op": "result", "id": message["id"],
                                    "outcomes": [{"raise": describe_exception(exc)}] * len(outcomes)})


if __name__ == "__main__":
    main()
