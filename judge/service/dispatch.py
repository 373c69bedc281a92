"""The embedded dispatcher: `judge serve`'s own judging slots, one child process each.

A thread polls the store for claimable rows (queued, or running with a lapsed lease) and hands
each to a free slot; the slot's process runs `execute.run_judgment`, the same function a Celery
worker runs, so the claim, the lease and the attempt-matched write apply here too. A slot whose
process dies (or overruns the judgment's deadline and is killed) gets a fresh process; the row's
lease is released at once so the next attempt starts without waiting for it to expire.

No other process judges for an embedded store, so at start every row left running by a previous
server is claimable at once: a restart loses nothing.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass

from judge.service.store import DEFAULT_LEASE_S, Store

POLL_S = 0.5


@dataclass(frozen=True)
class SlotOptions:
    db_url: str
    sandbox: str = "auto"
    challenges_dirs: tuple[str, ...] = ()
    lease_s: float = DEFAULT_LEASE_S


_SLOT: dict = {}


def _slot_init(options: SlotOptions) -> None:
    from judge.service.execute import JudgeContext

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when its slots stop
    signal.signal(signal.SIGTERM, _slot_signal)
    _SLOT.update(options=options, store=Store(options.db_url), busy=False,
                 ctx=JudgeContext(options.sandbox, options.challenges_dirs))


def _slot_signal(signum, frame) -> None:
    """SIGTERM: inside a judgment, the judge's own handler (Terminated: the sandbox is removed, the
    row stays running for the next server); between judgments, a quiet exit."""
    if _SLOT.get("busy"):
        from judge.interrupts import on_signal

        on_signal(signum, frame)
    else:
        raise SystemExit(0)


def _slot_run(judgment_id: str) -> str:
    from judge.service.execute import run_judgment

    options = _SLOT["options"]
    _SLOT["busy"] = True
    try:
        return run_judgment(_SLOT["store"], _SLOT["ctx"], judgment_id, lease_s=options.lease_s)
    finally:
        _SLOT["busy"] = False


def slot_owner(pid: int) -> str:
    return f"{socket.gethostname()}:{pid}"


class _Slot:
    def __init__(self, options: SlotOptions) -> None:
        self.options = options
        self.executor: cf.ProcessPoolExecutor | None = None
        self.pid = 0
        self.future: cf.Future | None = None
        self.judgment_id = ""
        self.deadline = 0.0

    def submit(self, judgment_id: str, deadline_s: float) -> None:
        if self.executor is None:
            self.executor = cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                   initializer=_slot_init, initargs=(self.options,))
        self.future = self.executor.submit(_slot_run, judgment_id)
        self.pid = next(iter(self.executor._processes), 0)  # started by submit
        self.judgment_id, self.deadline = judgment_id, time.monotonic() + deadline_s

    def kill(self) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGKILL)

    def discard(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """Server shutdown: SIGTERM lets the judgment remove its sandbox; the row stays running
        and is claimed again by the next server."""
        if self.pid and self.future is not None and not self.future.done():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGTERM)
            with contextlib.suppress(Exception):
                self.future.result(timeout=20)
            self.kill()
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


class EmbeddedDispatcher:
    def __init__(self, store: Store, slots: int, options: SlotOptions) -> None:
        self.store = store
        self.options = options
        self.slots = [_Slot(options) for _ in range(max(1, slots))]
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="dispatcher", daemon=True)
        self._deadlines: dict[str, float] = {}

    def start(self) -> None:
        self.store.release_all_running()
        self._thread.start()

    def submit(self, judgment_id: str) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout=30)
        for slot in self.slots:
            slot.stop()

    def _deadline(self, challenge_id: str | None) -> float:
        """Seconds after which the judge itself is stuck (the batch runner's rule)."""
        if challenge_id not in self._deadlines:
            from judge.batch import judgment_deadline
            from judge.service.execute import JudgeContext

            try:
                challenge = JudgeContext(challenges_dirs=self.options.challenges_dirs).catalog.get(challenge_id)
                self._deadlines[challenge_id] = judgment_deadline(challenge)
            except Exception:  # noqa: BLE001 - an unknown challenge ends as IE in the slot quickly
                self._deadlines[challenge_id] = 120.0
        return self._deadlines[challenge_id]

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._step()
            except Exception:  # noqa: BLE001 - a database hiccup: the next round tries again
                pass
            self._wake.wait(POLL_S)
            self._wake.clear()

    def _step(self) -> None:
        now = time.monotonic()
        for slot in self.slots:
            if slot.future is None:
                continue
            if slot.future.done():
                try:
                    slot.future.result()
                except Exception:  # noqa: BLE001 - the process died: its lease ends now
                    self.store.release(slot.judgment_id, slot_owner(slot.pid))
                    slot.discard()
                slot.future = None
            elif now > slot.deadline:
                slot.kill()  # seen as a dead process on the next round
        free = [slot for slot in self.slots if slot.future is None]
        if not free:
            return
        busy = {slot.judgment_id for slot in self.slots if slot.future is not None}
        ids = self.store.claimable(len(free), exclude=busy)
        if ids:
            rows = self.store.get_many(ids)
            for slot, judgment_id in zip(free, ids):
                row = rows.get(judgment_id)
                slot.submit(judgment_id, self._deadline(row.challenge if row else None))
