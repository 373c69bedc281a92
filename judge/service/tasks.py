"""Distributed mode: the Celery app, its one task, `judge worker`, and the server's dispatcher.

Settings that keep work from being lost: a task is acknowledged only after it ran (acks_late),
and put back when its pool process dies (task_reject_on_worker_lost); a worker reserves one task
a slot (prefetch 1). A worker killed outright leaves its message unacknowledged in Redis, which
kombu restores after the visibility timeout (twice the largest wall limit, so a long judgment is
not redelivered while it runs; a redelivery would find the lease held and stop anyway); its
restore sweep runs every few seconds instead of every 100. The server's reconciler does not wait
for that: a lease that lapsed (10 s) is sent again at once, so a dead worker's judgment is picked
up by another within about 15 s. Duplicate deliveries are harmless: the claim in the database
lets exactly one through.
"""
from __future__ import annotations

import os
import socket
import sys
import threading

from celery import Celery

TASK_NAME = "judge.service.judge"
QUEUE = "judge"
JANITOR_S = 5.0
RESTORE_INTERVAL_S = 2  # kombu's unacked_restore_interval (default 10 s)
RESTORE_THROTTLE = 1  # kombu's unacked_restore_throttle (default 10: a sweep every 100 s)


def make_celery(broker: str, visibility_timeout: float = 3600.0) -> Celery:
    app = Celery("judge", broker=broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # Redis restarting: keep trying, do not exit
        broker_transport_options={"visibility_timeout": visibility_timeout,
                                  "unacked_restore_interval": RESTORE_INTERVAL_S,
                                  "unacked_restore_throttle": RESTORE_THROTTLE,
                                  "socket_connect_timeout": 5, "socket_timeout": 30},
        worker_cancel_long_running_tasks_on_connection_loss=False,
    )
    app.task(name=TASK_NAME, bind=True, acks_late=True, reject_on_worker_lost=True)(_judge_task)
    return app


_STATE: dict = {}


def _judge_task(task, judgment_id: str) -> str:
    """Runs in a pool process: claim, judge, write (judge.service.execute)."""
    from judge.service.execute import run_judgment

    if _STATE.get("pid") != os.getpid():  # built once per pool process, after the fork
        from judge.service.execute import JudgeContext
        from judge.service.store import Store

        options = task.app.conf.judge_options
        _STATE.update(pid=os.getpid(), store=Store(options["db_url"]),
                      ctx=JudgeContext(options["sandbox"], tuple(options["challenges_dirs"])),
                      lease_s=options["lease_s"])
    return run_judgment(_STATE["store"], _STATE["ctx"], judgment_id, lease_s=_STATE["lease_s"])


class CeleryDispatcher:
    """The server side: a judgment is one task message; the reconciler sends it again when needed."""

    def __init__(self, broker: str, db_url: str) -> None:
        self.app = make_celery(broker)

    def start(self) -> None:
        pass

    def submit(self, judgment_id: str) -> None:
        try:
            self.app.send_task(TASK_NAME, args=[judgment_id], queue=QUEUE, retry=True,
                               retry_policy={"max_retries": 3, "interval_start": 0.5, "interval_step": 1})
        except Exception:  # noqa: BLE001 - the broker is away: the row stays queued; the reconciler resends it
            pass

    def stop(self) -> None:
        self.app.close()


def largest_wall_limit(challenges_dirs: tuple[str, ...]) -> float:
    from judge.service.execute import JudgeContext

    challenges, _ = JudgeContext(challenges_dirs=challenges_dirs).catalog.load_all()
    return max((c.limits.wall_seconds for c in challenges), default=30.0)


def remove_leftovers(db_url: str) -> int:
    """Sandboxes that no live judgment needs, on every loaded backend (judge.backends.remove_stale):
    those provably left behind (their judge process is dead), and those of an attempt the database
    has moved past (a newer attempt, or the judgment finished). Returns how many were removed."""
    from judge.backends import remove_stale
    from judge.plugins import make_plugin_manager
    from judge.service.store import Store

    def needed(all_labels: list[dict[str, str]]) -> list[bool]:
        ids = [labels["judge.judgment"] for labels in all_labels if labels.get("judge.judgment")]
        if not ids:
            return [True] * len(all_labels)
        store = Store(db_url)
        try:
            rows = store.get_many(ids)
        finally:
            store.close()
        verdicts = []
        for labels in all_labels:
            if not labels.get("judge.judgment"):
                verdicts.append(True)  # not the service's: only an orphan check may remove it
                continue
            row = rows.get(labels["judge.judgment"])
            verdicts.append(row is not None and row.state != "done" and str(row.attempt) == labels.get("judge.attempt"))
        return verdicts

    return remove_stale(make_plugin_manager(), needed)


def _janitor(db_url: str, stop: threading.Event) -> None:
    while not stop.wait(JANITOR_S):
        try:
            remove_leftovers(db_url)
        except Exception:  # noqa: BLE001
            pass


def run_worker(*, broker: str, db_url: str, slots: int, sandbox: str, challenges_dirs: tuple[str, ...],
               lease_s: float, visibility_timeout: float | None, name: str | None) -> int:
    """`judge worker`: remove this host's leftovers, then consume judgments with `slots` pool processes."""
    wall = largest_wall_limit(challenges_dirs)
    if visibility_timeout is None:
        visibility_timeout = max(60.0, 2 * wall)
    elif visibility_timeout < 2 * wall:
        print(f"judge worker: note: --visibility-timeout {visibility_timeout:g} s is under twice the largest wall "
              f"limit ({wall:g} s): a long judgment will be delivered again while it runs (the claim stops "
              "the second delivery)", file=sys.stderr)
    app = make_celery(broker, visibility_timeout)
    app.conf.judge_options = {"db_url": db_url, "sandbox": sandbox, "challenges_dirs": list(challenges_dirs),
                              "lease_s": lease_s}
    if sandbox != "local":
        removed = remove_leftovers(db_url)
        if removed:
            print(f"judge worker: removed {removed} leftover sandbox container(s)", file=sys.stderr)
    stop = threading.Event()
    if sandbox != "local":
        threading.Thread(target=_janitor, args=(db_url, stop), name="janitor", daemon=True).start()
    node = name or f"judge-{os.getpid()}@{socket.gethostname()}"
    print(f"judge worker: {node} with {slots} slots on {broker} (visibility timeout {visibility_timeout:g} s)",
          file=sys.stderr, flush=True)
    try:
        app.worker_main(["worker", "--pool=prefork", f"--concurrency={slots}", "--loglevel=WARNING",
                         f"--hostname={node}", "-Q", QUEUE, "--without-gossip", "--without-mingle",
                         "--without-heartbeat"])
    finally:
        stop.set()
    return 0
