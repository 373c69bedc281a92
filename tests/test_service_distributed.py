"""Distributed `judge serve` with `judge worker`s: real Redis, real Celery workers (two processes
in their own process groups), the store in SQLite or PostgreSQL, faults injected by signals.

Each test asserts what the issue asks for: nothing lost, every judgment reported exactly once
(one final write, the attempt count saying how many times it was claimed), and the verdict an
uninterrupted run gives.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from service_support import (ROOT, Postgres, Redis, cli_json, same_judgment, start_serve, start_worker,
                             wait_until)

pytest.importorskip("celery")

SLOW = ROOT / "tests" / "service_submissions" / "echo_slow.py"
LEASE = "4"  # seconds: a dead worker's judgment is claimable again this long after its last renewal

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("service")]


class Cluster:
    def __init__(self, tmp: Path, db_url: str, sandbox: str = "local", worker_args: tuple = ()) -> None:
        self.tmp, self.db_url, self.sandbox, self.worker_args = tmp, db_url, sandbox, worker_args
        self.redis = Redis(tmp / "redis")
        self.server = self.client = None
        self.workers: list = []

    def start(self) -> "Cluster":
        self.redis.start()
        self.server, self.client = start_serve(self.tmp, self.db_url, "--broker", self.redis.url, "--rate-limit", "0")
        for n in range(2):
            self.workers.append(self.start_worker(f"worker{n}"))
        return self

    def start_worker(self, name: str):
        return start_worker(self.tmp, self.redis.url, self.db_url, "--slots", "1", "--sandbox", self.sandbox,
                            "--lease-seconds", LEASE, *self.worker_args, name=name)

    def restart_serve(self) -> None:
        port = self.client.base.rsplit(":", 1)[1]
        self.server.kill()
        self.server.stop()
        self.server, self.client = start_serve(self.tmp, self.db_url, "--broker", self.redis.url, "--rate-limit", "0",
                                               name="serve-again", port=int(port))

    def stop(self) -> None:
        for process in [*self.workers, self.server]:
            if process is not None:
                process.stop()
        self.redis.stop()

    def submit(self, source: str, challenge: str = "sleepy", **extra) -> str:
        status, body, _ = self.client.post("/api/v1/judgments", {"challenge": challenge, "source": source, **extra})
        assert status == 201, body
        return body["id"]

    def row(self, judgment_id: str) -> dict:
        """The store's row itself (lease owner included), read the way the service reads it."""
        from judge.service.store import Store

        store = Store(self.db_url)
        try:
            return vars(store.get(judgment_id))
        finally:
            store.close()

    def holder(self, judgment_id: str, timeout: float = 60) -> int:
        """The pid of the pool process judging it, once it runs."""
        def running():
            row = self.row(judgment_id)
            return row["state"] == "running" and row["lease_owner"] and int(row["lease_owner"].rsplit(":", 1)[1])

        return wait_until(running, timeout, f"judgment {judgment_id} to run")

    def worker_of(self, pid: int):
        group = os.getpgid(pid)
        return next(w for w in self.workers if w.pid == group)

    def logs(self) -> str:
        return "\n".join(w.log_path.read_text(errors="replace") for w in self.workers)


@pytest.fixture
def cluster(tmp_path, request):
    options = getattr(request, "param", {})
    made = Cluster(tmp_path, options.get("db_url", f"sqlite:///{tmp_path / 'judge.db'}"),
                   options.get("sandbox", "local"), options.get("worker_args", ()))
    try:
        yield made.start()
    finally:
        made.stop()


def done_once(cluster: Cluster, ids: list[str], timeout: float = 180) -> list[dict]:
    documents = [cluster.client.wait_done(i, timeout) for i in ids]
    assert len({d["id"] for d in documents}) == len(ids)
    return documents


def labelled_containers(judgment_id: str) -> list[str]:
    done = subprocess.run(["docker", "ps", "-aq", "--filter", f"label=judge.judgment={judgment_id}"],
                          capture_output=True, text=True, timeout=30)
    return done.stdout.split()


@pytest.mark.docker
@pytest.mark.parametrize("cluster", [{"sandbox": "docker"}], indirect=True, ids=["docker"])
def test_worker_killed_mid_judgment_the_other_finishes_it(cluster):
    """SIGKILL the whole worker (main process, pool, everything in its group) while it judges in a
    Docker container: the other worker judges it again (attempt 2), one result, the container of
    the dead attempt is removed, and the verdict is that of an uninterrupted run."""
    judgment_id = cluster.submit(SLOW.read_text(), max_examples=40, filename="echo_slow.py")
    pid = cluster.holder(judgment_id)
    wait_until(lambda: labelled_containers(judgment_id), 60, "the sandbox container")
    victim = cluster.worker_of(pid)
    victim.kill()
    killed_at = time.monotonic()
    wait_until(lambda: cluster.row(judgment_id)["attempt"] == 2, 30, "attempt 2 to start")
    assert time.monotonic() - killed_at < 15  # picked up within about 15 s
    [document] = done_once(cluster, [judgment_id])
    assert document["attempt"] == 2 and document["sandbox"] == "docker"
    direct = cli_json("sleepy", SLOW, "--sandbox", "docker", "--max-examples", "40")
    assert same_judgment(document, direct) == {}
    wait_until(lambda: not labelled_containers(judgment_id), 30, "no container of the judgment left")


def test_pool_process_killed_the_job_is_judged_again(cluster):
    judgment_id = cluster.submit(SLOW.read_text(), max_examples=40)
    os.kill(cluster.holder(judgment_id), signal.SIGKILL)
    [document] = done_once(cluster, [judgment_id])
    assert (document["verdict"], document["attempt"], document["examples"]) == ("AC", 2, 40)
    assert "WorkerLostError" in cluster.logs()  # the pool process really died and Celery saw it


def test_redis_restarted_with_jobs_queued(cluster):
    ids = [cluster.submit(SLOW.read_text(), max_examples=20) for _ in range(5)]
    cluster.holder(ids[0])
    cluster.redis.stop()  # SIGTERM: Redis writes its append-only file and exits
    time.sleep(1)
    cluster.redis.start()  # same port, same folder: the queued messages come back
    documents = done_once(cluster, ids)
    assert [d["verdict"] for d in documents] == ["AC"] * 5 and all(d["examples"] == 20 for d in documents)


def test_serve_restarted_mid_run(cluster):
    ids = [cluster.submit(SLOW.read_text(), max_examples=20) for _ in range(3)]
    cluster.holder(ids[0])
    cluster.restart_serve()
    ids.append(cluster.submit(SLOW.read_text(), max_examples=5))
    documents = done_once(cluster, ids)
    assert [d["verdict"] for d in documents] == ["AC"] * 4 and all(d["attempt"] == 1 for d in documents)


@pytest.mark.parametrize("cluster", [{"worker_args": ("--visibility-timeout", "3")}], indirect=True,
                         ids=["visibility-3s"])
def test_judgment_longer_than_the_visibility_timeout_runs_once(cluster):
    """Redis hands the unacknowledged message out again after 3 s while the judgment (about 8 s)
    still runs; the second delivery finds the lease held and stops."""
    judgment_id = cluster.submit(SLOW.read_text(), max_examples=60)
    [document] = done_once(cluster, [judgment_id])
    assert (document["verdict"], document["attempt"], document["examples"]) == ("AC", 1, 60)
    assert f"judgment {judgment_id}: delivered again" in cluster.logs()  # the redelivery happened


def test_job_that_kills_its_worker_every_time_ends_as_ie(cluster):
    judgment_id = cluster.submit("def echo(x):\n    return x\n", challenge="crasher")
    [document] = done_once(cluster, [judgment_id], timeout=120)
    assert (document["verdict"], document["attempt"]) == ("IE", 3)
    assert "attempted 3 times" in document["message"]
    ok = cluster.submit("def echo(x):\n    return x\n", max_examples=5)  # the workers still judge
    assert done_once(cluster, [ok])[0]["verdict"] == "AC"


@pytest.fixture
def postgres(tmp_path):
    server = Postgres(tmp_path / "pg")
    try:
        yield server.start()
    finally:
        server.stop()


def test_postgresql_store(tmp_path, postgres):
    """The distributed arrangement the README gives: PostgreSQL for the store, Redis, two workers."""
    made = Cluster(tmp_path, postgres.url)
    try:
        made.start()
        ids = [made.submit(SLOW.read_text(), max_examples=5) for _ in range(4)]
        documents = done_once(made, ids)
        assert [d["verdict"] for d in documents] == ["AC"] * 4 and all(d["attempt"] == 1 for d in documents)
        assert made.client.get("/api/v1/health")[1]["judgments"] == {"done": 4}
    finally:
        made.stop()



@pytest.mark.docker
def test_worker_removes_leftover_containers_and_keeps_live_ones(tmp_path):
    """What a starting worker (and its janitor) removes: a container of a finished judgment, one of
    a superseded attempt, one whose judge process is dead; and what it keeps: the container of the
    current attempt of a running judgment whose judge is alive."""
    from judge.backends import choose_backend
    from judge.plugins import make_plugin_manager
    from judge.sandbox import docker_backend as d
    from judge.service.store import Store, migrate
    from judge.service.tasks import remove_leftovers

    db = f"sqlite:///{tmp_path / 'judge.db'}"
    store = Store(db)
    migrate(store.engine)
    finished = store.create(challenge="sleepy", source=b"def echo(x): return x", seed=1)
    store.finish(finished, store.claim(finished, "w").attempt, {"verdict": "AC"})
    running = store.create(challenge="sleepy", source=b"def echo(x): return x", seed=1)
    store.claim(running, "w")
    store.close()
    image = choose_backend(make_plugin_manager(), "docker")[0].image("python")
    dead = subprocess.Popen(["true"])
    dead.wait()
    alive = os.getppid()
    identity = d.judge_identity()

    def judge_of(pid: int) -> dict:
        return {d.HOST_LABEL: identity[d.HOST_LABEL], d.PIDNS_LABEL: identity[d.PIDNS_LABEL],
                d.PID_LABEL: str(pid), d.START_LABEL: d._process_start(pid), d.INSTANCE_LABEL: f"other-{pid}"}

    def container(labels: dict) -> str:
        flags = [arg for key, value in {d.LABEL: "1", **labels}.items() for arg in ("--label", f"{key}={value}")]
        made = subprocess.run(["docker", "run", "-d", "--network", "none", *flags, image, "python3", "-c",
                               "import time; time.sleep(120)"], capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
        return made.stdout.strip()

    made = {
        "finished": container({**judge_of(alive), "judge.judgment": finished, "judge.attempt": "1"}),
        "superseded": container({**judge_of(alive), "judge.judgment": running, "judge.attempt": "0"}),
        "dead judge": container(judge_of(dead.pid)),
        "live": container({**judge_of(alive), "judge.judgment": running, "judge.attempt": "1"}),
    }
    try:
        assert remove_leftovers(db) >= 3
        left = subprocess.run(["docker", "ps", "-aq", "--no-trunc"], capture_output=True, text=True, timeout=30).stdout
        assert {name for name, cid in made.items() if cid in left} == {"live"}
    finally:
        subprocess.run(["docker", "rm", "-f", *made.values()], capture_output=True, timeout=60)
