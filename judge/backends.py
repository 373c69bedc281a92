"""Choosing a sandbox backend among those the `judge_sandbox_backends` hook provides."""
from __future__ import annotations

import pluggy

from judge.errors import JudgeError

AUTO_ORDER = ("docker", "local")


def backend_names(pm: pluggy.PluginManager) -> dict[str, object]:
    backends: dict[str, object] = {}
    for provided in pm.hook.judge_sandbox_backends():
        for backend in provided or ():
            backends.setdefault(backend.name, backend)
    return backends


def choose_backend(pm: pluggy.PluginManager, wanted: str) -> tuple[object, str]:
    """The backend to use and a notice to print (non-empty when `auto` fell back to weaker isolation)."""
    backends = backend_names(pm)
    if wanted != "auto":
        backend = backends.get(wanted)
        if backend is None:
            raise JudgeError(f"unknown sandbox {wanted!r} (available: auto, {', '.join(sorted(backends))})")
        if not backend.available():
            raise JudgeError(f"the {wanted} sandbox is not available here: {getattr(backend, 'why_unavailable', 'it did not answer')}")
        return backend, ""
    for name in AUTO_ORDER + tuple(sorted(set(backends) - set(AUTO_ORDER))):
        backend = backends.get(name)
        if backend is not None and backend.available():
            fallback = name != AUTO_ORDER[0]
            return backend, (f"no Docker daemon answered; using the {backend.notice}" if fallback and backend.notice else "")
    raise JudgeError("no sandbox backend is available")


def open_backend(pm: pluggy.PluginManager, sandbox: str, runtime: str | None) -> tuple[object, str]:
    """The backend for `--sandbox` and `--runtime` (a runtime implies Docker under `auto`), and the
    notice to print."""
    backend, notice = choose_backend(pm, "docker" if runtime and sandbox == "auto" else sandbox)
    if runtime:
        if not hasattr(backend, "runtime"):
            raise JudgeError(f"--runtime needs the docker sandbox, not {backend.name}")
        backend.runtime = runtime
    return backend, notice


def close_backend(backend: object) -> None:
    """Release what a backend holds (the Docker client, a spare container) when a command is done."""
    close = getattr(backend, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - best effort: an orphan sweep removes what is left
            pass
