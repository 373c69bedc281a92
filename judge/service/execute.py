"""One delivery of one judgment, the same in an embedded slot and in a Celery worker.

Claim the row; while judging, a heartbeat thread renews the lease and records progress; judge
through `judge.runner.judge_submission` exactly as `judge run --json` does (same challenge, file
contents, seed and max_examples, so the same `Result.to_dict()`); write the result only if this
attempt is still the current one.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import socket
import tempfile
import threading
import time
import traceback
from pathlib import Path

from judge.service.store import DEFAULT_LEASE_S, Judgment, Store, internal_error

PROGRESS_EVERY_S = 0.5
log = logging.getLogger("judge.service")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def worker_name() -> str:
    """Who holds a lease: host and process, for the operator reading the table."""
    return f"{socket.gethostname()}:{os.getpid()}"


def safe_filename(name: str | None) -> str:
    name = _SAFE_NAME.sub("_", Path(name or "submission.py").name)[:100] or "submission.py"
    return name if name.endswith(".py") else name + ".py"


class JudgeContext:
    """What a judging process builds once and reuses: plugins, challenges, the sandbox backend."""

    def __init__(self, sandbox: str = "auto", challenges_dirs: tuple[str, ...] = ()) -> None:
        self.sandbox = sandbox
        self.challenges_dirs = challenges_dirs
        self._catalog = None
        self._backend = None

    @property
    def catalog(self):
        if self._catalog is None:
            from judge.catalog import Catalog, ChallengesDir
            from judge.plugins import make_plugin_manager

            self.pm = make_plugin_manager(tuple(ChallengesDir(Path(d)) for d in self.challenges_dirs))
            self._catalog = Catalog(self.pm)
        return self._catalog

    @property
    def backend(self):
        if self._backend is None:
            from judge.backends import open_backend

            catalog = self.catalog  # noqa: F841 - builds self.pm
            self._backend, _ = open_backend(self.pm, self.sandbox, None)
        return self._backend

    def challenge(self, challenge_id: str, limits: dict | None):
        """The challenge, its limits tightened (never loosened) by what a Judge0 client asked."""
        challenge = self.catalog.get(challenge_id)
        if limits:
            current = challenge.limits
            tighter = {k: min(v, getattr(current, k)) for k, v in limits.items() if hasattr(current, k)}
            challenge = dataclasses.replace(challenge, limits=dataclasses.replace(current, **tighter))
        return challenge

    def close(self) -> None:
        if self._backend is not None:
            from judge.backends import close_backend

            close_backend(self._backend)
            self._backend = None


class Heartbeat:
    """Renews the lease every third of it and records the latest progress twice a second; notes
    when the lease was lost (a newer attempt took over), which the final write will respect."""

    def __init__(self, store: Store, row: Judgment, lease_s: float) -> None:
        self.store, self.row, self.lease_s = store, row, lease_s
        self.latest: dict | None = None
        self.lost = False
        self._written: dict | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def __call__(self, state) -> None:
        """The judge's progress callback."""
        self.latest = {"step": state.step, "examples": state.examples, "scaling": state.scaling,
                       "shrinking": state.shrinking}

    def _run(self) -> None:
        renewed = time.monotonic()
        while not self._stop.wait(PROGRESS_EVERY_S):
            progress = self.latest if self.latest != self._written else None
            if progress is None and time.monotonic() - renewed < self.lease_s / 3:
                continue
            try:
                if not self.store.renew(self.row.id, self.row.attempt, self.lease_s, progress):
                    self.lost = True
                    return
            except Exception:  # noqa: BLE001 - the database blinked: try again next tick, the lease has slack
                continue
            self._written, renewed = progress or self._written, time.monotonic()


def judge_row(ctx: JudgeContext, row: Judgment, progress=None) -> dict:
    """`judge run --json`'s document for this row (IE with the reason when the judge itself fails)."""
    from judge.runner import judge_submission

    workdir = Path(tempfile.mkdtemp(prefix="judge-service-"))
    try:
        path = workdir / row.filename
        path.write_bytes(row.source)
        challenge = ctx.challenge(row.challenge, row.limits)
        _label_containers(ctx, row)
        result = judge_submission(challenge, path, ctx.backend, seed=row.seed, max_examples=row.max_examples,
                                  progress=progress)
        result.submission = row.filename
        return result.to_dict()
    except Exception as exc:  # noqa: BLE001 - the judge's fault, reported for this judgment only
        text = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        document = internal_error(row, f"internal error: {text}")
        document["traceback"] = traceback.format_exc()[-4000:]
        return document
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _label_containers(ctx: JudgeContext, row: Judgment) -> None:
    """The sandboxes of this judgment carry its id, attempt and host, where the backend takes labels
    (SandboxBackend.set_extra_labels): what remove_leftovers reads to tell live from stale."""
    set_labels = getattr(ctx.backend, "set_extra_labels", None)
    if set_labels is not None:
        set_labels({"judge.judgment": row.id, "judge.attempt": str(row.attempt),
                    "judge.worker-host": socket.gethostname()})


def run_judgment(store: Store, ctx: JudgeContext, judgment_id: str, owner: str | None = None,
                 lease_s: float = DEFAULT_LEASE_S) -> str:
    """Claim, judge, write. Returns what happened: "done", "duplicate" (not claimable: finished,
    held by a live lease, or out of attempts) or "stale" (a newer attempt took over meanwhile)."""
    row = store.claim(judgment_id, owner or worker_name(), lease_s)
    if row is None:
        log.warning("judgment %s: delivered again while finished or held by a live lease; skipped", judgment_id)
        return "duplicate"
    with Heartbeat(store, row, lease_s) as heartbeat:
        document = judge_row(ctx, row, progress=heartbeat)
    return "done" if store.finish(row.id, row.attempt, document) else "stale"
