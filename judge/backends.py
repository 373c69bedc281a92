"""The sandbox backend contract, and choosing a backend among those the `judge_sandbox_backends` hook provides.

Every lookup of a backend goes through the hook (`choose_backend`, `open_backend`): the judge never
imports a concrete backend, so a third-party one is chosen, ordered and cleaned up like the built-ins.
"""
from __future__ import annotations

from typing import Callable, Iterable, Protocol, runtime_checkable

import pluggy

from judge.errors import JudgeError
from judge.sandbox.session import Job, StreamSession


@runtime_checkable
class SandboxBackend(Protocol):
    """What the `judge_sandbox_backends` hook returns: every member the judge uses.

    Required: `name`, `notice`, `available()`, `open(job)`. The others are optional for a
    third-party backend: the judge reads each with getattr and the default its docstring names.
    The built-in backends (sandbox/docker_backend.py, sandbox/local.py) define all. (`judge sandbox
    build` builds Docker images only: it also uses the docker backend's own `image()`, `base` and
    `wheelhouse`.)
    """

    name: str
    """What `--sandbox NAME` selects; unique among the loaded backends."""

    notice: str
    """A one-line caveat shown when `auto` falls back to this backend, or ""."""

    auto_rank: int | None
    """Where `--sandbox auto` tries this backend: lower first (docker 10, local 100), ties by name.
    None: only when asked for by name. Default: after every backend that declares a rank."""

    job_path: str | None
    """Where the job folder appears inside the sandbox (the hello names files there).
    Default None: at its host path."""

    why_unavailable: str
    """One line: why `available()` said no. Default "it did not answer"."""

    keep_spare: bool
    """Set by a batch: from the second job on, start the next sandbox while a job runs (a pool of one).
    Default: absent, nothing is started ahead."""

    runtime: str | None
    """The OCI runtime to run the sandbox under (`--runtime`, e.g. runsc), None for the default.
    A backend without that choice leaves it out or makes it read-only: `--runtime` is refused."""

    def available(self) -> bool:
        """Cheap: can it run here now?"""

    def open(self, job: Job) -> StreamSession:
        """Start a worker for `job`; raises sandbox.session.BackendUnavailable when it cannot."""

    def close(self) -> None:
        """Release what the backend holds (a client, a pre-started container) when a command is done.
        Default: nothing to release."""

    def remove_leftovers(self, pids: Iterable[int] | None = None) -> None:
        """Remove what sandboxes may be left: without `pids`, this process's (the judge was
        interrupted: Ctrl-C, SIGTERM); with `pids`, those of judge processes that have ended (a
        batch's workers) and could not clean up. Best effort, never raises. Default: nothing to remove."""

    def set_extra_labels(self, labels: dict[str, str]) -> None:
        """Labels for every sandbox this process opens from now on (a service worker names the
        judgment and attempt it runs). Default: the sandboxes carry none."""

    def remove_stale(self, needed: Callable[[list[dict[str, str]]], list[bool]]) -> int:
        """Remove this backend's sandboxes, of any judge on the same engine, that no judgment needs:
        those provably left behind, and those whose labels `needed` (called once, with every
        sandbox's labels) marks False. Returns how many went; never raises. Default: none to remove."""


_CHOSEN: list[SandboxBackend] = []  # the backends this process chose: what an interrupt cleans up


def backends_by_name(pm: pluggy.PluginManager) -> dict[str, SandboxBackend]:
    """Every backend the hook provides, by name; the first plugin pluggy calls wins a name (the one
    registered last, as for challenges and result formats: see judge.hookspecs)."""
    backends: dict[str, SandboxBackend] = {}
    for provided in pm.hook.judge_sandbox_backends():
        for backend in provided or ():
            backends.setdefault(backend.name, backend)
    return backends


def auto_order(backends: dict[str, SandboxBackend]) -> list[SandboxBackend]:
    """The backends `--sandbox auto` tries, in order: by declared `auto_rank`, then by name."""
    ranked = [b for b in backends.values() if getattr(b, "auto_rank", float("inf")) is not None]
    return sorted(ranked, key=lambda b: (getattr(b, "auto_rank", float("inf")), b.name))


def choose_backend(pm: pluggy.PluginManager, wanted: str) -> tuple[SandboxBackend, str]:
    """The backend to use and a notice to print (non-empty when `auto` fell back to weaker isolation)."""
    backends = backends_by_name(pm)
    if wanted != "auto":
        backend = backends.get(wanted)
        if backend is None:
            raise JudgeError(f"unknown sandbox {wanted!r} (available: auto, {', '.join(sorted(backends))})")
        if not backend.available():
            raise JudgeError(f"the {wanted} sandbox is not available here: "
                             f"{getattr(backend, 'why_unavailable', 'it did not answer')}")
        return _chosen(backend), ""
    skipped = []
    for backend in auto_order(backends):
        if backend.available():
            notice = (f"no {' or '.join(skipped)} sandbox is available; using the {backend.notice}"
                      if skipped and backend.notice else "")
            return _chosen(backend), notice
        skipped.append(backend.name)
    raise JudgeError("no sandbox backend is available")


def _chosen(backend: SandboxBackend) -> SandboxBackend:
    if not any(backend is seen for seen in _CHOSEN):
        _CHOSEN.append(backend)
    return backend


def open_backend(pm: pluggy.PluginManager, sandbox: str, runtime: str | None) -> tuple[SandboxBackend, str]:
    """The backend for `--sandbox` and `--runtime`, and the notice to print. A runtime under `auto`
    picks the first backend in auto order that takes one."""
    if runtime and sandbox == "auto":
        sandbox = next((b.name for b in auto_order(backends_by_name(pm)) if _takes_runtime(b)), sandbox)
    backend, notice = choose_backend(pm, sandbox)
    if runtime:
        if not _takes_runtime(backend):
            raise JudgeError(f"--runtime: the {backend.name} sandbox runs under no choice of runtime")
        backend.runtime = runtime
    return backend, notice


def _takes_runtime(backend: SandboxBackend) -> bool:
    """Whether `runtime` can be set: present, and not a read-only property."""
    if not hasattr(backend, "runtime"):
        return False
    declared = getattr(type(backend), "runtime", None)
    return not isinstance(declared, property) or declared.fset is not None


def close_backend(backend: SandboxBackend) -> None:
    """Release what a backend holds (the Docker client, a spare container) when a command is done."""
    close = getattr(backend, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - best effort: an orphan sweep removes what is left
            pass


def remove_leftovers() -> None:
    """After an interrupt: every backend this process chose removes what of its sandboxes is left."""
    for backend in _CHOSEN:
        _remove_leftovers(backend)


def remove_leftovers_of(pm: pluggy.PluginManager, sandbox: str, pids: Iterable[int]) -> None:
    """Worker processes `pids` have ended (a batch's children, perhaps killed): the backend that
    `--sandbox` names (under `auto`, each one: any may have been chosen) removes what they left."""
    pids = set(pids)
    if not pids:
        return
    backends = backends_by_name(pm)
    for backend in backends.values() if sandbox == "auto" else [backends[sandbox]] if sandbox in backends else []:
        _remove_leftovers(backend, pids)


def remove_stale(pm: pluggy.PluginManager, needed: Callable[[list[dict[str, str]]], list[bool]]) -> int:
    """Every loaded backend's stale sandboxes (see SandboxBackend.remove_stale); how many went."""
    removed = 0
    for backend in backends_by_name(pm).values():
        remove = getattr(backend, "remove_stale", None)
        if remove is not None:
            try:
                removed += remove(needed)
            except Exception:  # noqa: BLE001 - best effort: the next sweep tries again
                pass
            close_backend(backend)
    return removed


def _remove_leftovers(backend: SandboxBackend, *pids: set[int]) -> None:
    remove = getattr(backend, "remove_leftovers", None)
    if remove is not None:
        try:
            remove(*pids)
        except Exception:  # noqa: BLE001 - best effort, on the way out
            pass
