"""`judge serve` under load: 20 concurrent clients for 60 s, embedded and with 2 Celery workers.

    .venv/bin/python benchmarks/bench_service.py [--clients 20] [--seconds 60] [--modes embedded,celery]
                                                 [--sandbox docker] [--challenge lru_cache]
                                                 [--file examples/lru_cache_solution.py] [--max-examples N]

Each client submits a judgment over the native API, polls it until done, and submits the next,
until the time is up; judgments still running then are waited for (bounded) and counted. Reported
per mode: latency from submission to result (p50, p95, max), judgments finished per minute within
the window, and the checks that nothing was lost or judged twice (every id done, attempt 1).

Embedded: `judge serve --slots 2`. Celery: Redis, `judge serve --broker`, and two `judge worker
--slots 1`, all on this machine's loopback (the store is SQLite in both). Servers are started and
stopped by the script. Not a test: the figures depend on the machine; they are quoted in closing notes.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from service_support import Client, Redis, start_serve, start_worker  # noqa: E402 - after the path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load(base: str, clients: int, seconds: float, body: dict) -> dict:
    """Drive the server; returns latencies, ids and how many finished inside the window."""
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    latencies: list[float] = []
    finished_at: list[float] = []
    ids: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client_loop() -> None:
        client = Client(base)
        while time.monotonic() < deadline:
            sent = time.monotonic()
            status, answer, _ = client.post("/api/v1/judgments", body)
            if status != 201:
                with lock:
                    errors.append(f"{status}: {answer}")
                time.sleep(1)
                continue
            with lock:
                ids.append(answer["id"])
            while time.monotonic() < deadline + 600:  # bounded: a stuck judgment does not hang the run
                status, document, _ = client.get(f"/api/v1/judgments/{answer['id']}")
                if status == 200 and document["state"] == "done":
                    with lock:
                        latencies.append(time.monotonic() - sent)
                        finished_at.append(time.monotonic())
                    break
                time.sleep(0.25)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    in_window = sum(1 for t in finished_at if t <= deadline)
    return {"latencies": latencies, "ids": ids, "in_window": in_window, "errors": errors,
            "elapsed": time.monotonic() - started}


def audit(client: Client, ids: list[str]) -> tuple[int, int, dict]:
    """(lost, judged more than once, verdict counts): every id must be done at attempt 1."""
    lost = duplicates = 0
    verdicts: dict[str, int] = {}
    for judgment_id in ids:
        status, document, _ = client.get(f"/api/v1/judgments/{judgment_id}")
        if status != 200 or document["state"] != "done":
            lost += 1
            continue
        duplicates += document["attempt"] != 1
        verdicts[document["verdict"]] = verdicts.get(document["verdict"], 0) + 1
    return lost, duplicates, verdicts


def run_mode(mode: str, args, tmp: Path, body: dict) -> None:
    db = f"sqlite:///{tmp / f'{mode}.db'}"
    processes, redis = [], None
    try:
        if mode == "embedded":
            server, client = start_serve(tmp, db, "--slots", "2", "--sandbox", args.sandbox, "--rate-limit", "0",
                                         name=f"serve-{mode}")
            processes.append(server)
        else:
            redis = Redis(tmp / "redis").start()
            server, client = start_serve(tmp, db, "--broker", redis.url, "--rate-limit", "0", name=f"serve-{mode}")
            processes.append(server)
            processes += [start_worker(tmp, redis.url, db, "--slots", "1", "--sandbox", args.sandbox,
                                       name=f"worker{n}") for n in range(2)]
        warm = [client.post("/api/v1/judgments", body)[1]["id"] for _ in range(2)]  # images, imports, caches
        for judgment_id in warm:
            client.wait_done(judgment_id, timeout=300)
        outcome = load(client.base, args.clients, args.seconds, body)
        lost, duplicates, verdicts = audit(client, outcome["ids"])
        latencies = outcome["latencies"]
        print(f"{mode:9s} {args.clients} clients, {args.seconds:g} s, sandbox {args.sandbox}: "
              f"{len(outcome['ids'])} submitted, {len(latencies)} finished; "
              f"latency p50 {statistics.median(latencies):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
              f"max {max(latencies):.2f} s; {outcome['in_window'] / args.seconds * 60:.1f} judgments/min "
              f"in the window; lost {lost}, duplicates {duplicates}; verdicts {verdicts}"
              + (f"; {len(outcome['errors'])} refused: {outcome['errors'][:2]}" if outcome["errors"] else ""),
              flush=True)
    finally:
        for process in processes:
            process.stop()
        if redis is not None:
            redis.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--modes", default="embedded,celery", help="embedded, celery, or both (comma-separated)")
    parser.add_argument("--sandbox", default="docker", help="docker (the default a service runs) or local")
    parser.add_argument("--challenge", default="lru_cache")
    parser.add_argument("--file", type=Path, default=ROOT / "examples" / "lru_cache_solution.py")
    parser.add_argument("--max-examples", type=int, default=None)
    args = parser.parse_args()
    body = {"challenge": args.challenge, "source": args.file.read_text(), "filename": args.file.name}
    if args.max_examples:
        body["max_examples"] = args.max_examples
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        for mode in args.modes.split(","):
            run_mode(mode.strip(), args, Path(tmp), body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
