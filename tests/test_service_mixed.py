"""200 mixed submissions (AC, WA, TLE, RE, CE) through both APIs of a distributed `judge serve`
(Redis, two Celery workers): every one reported exactly once, each verdict equal to `judge run
--json` on the same file and seed.

A handful of distinct files is repeated, and each is run directly once: the comparison costs five
direct runs a seed, not two hundred. Judge0 submissions are reported through their callback (one
PUT each, counted); native ones through GET. The `tiny` challenge (tests/service_pack) keeps each
judgment short; its 1 s CPU limit makes TLE cheap.
"""
from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections import Counter

import pytest

from service_support import ROOT, Redis, cli_json, same_judgment, start_serve, start_worker, wait_until

pytest.importorskip("celery")

FILES = ROOT / "tests" / "service_submissions"
# kind -> (file, copies per API): 100 through each API, every verdict present
MIX = {"AC": ("echo_ok.py", 40), "WA": ("tiny_wrong.py", 20), "RE": ("tiny_raises.py", 20),
       "CE": ("tiny_syntax_error.py", 15), "TLE": ("tiny_loop.py", 5)}
JUDGE0_STATUS = {"AC": 3, "WA": 4, "TLE": 5, "CE": 6, "RE": 11}
NATIVE_SEED = 3  # Judge0 has no seed: its submissions get the default, 1

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("service")]


class _Callbacks(http.server.BaseHTTPRequestHandler):
    received: list = []
    lock = threading.Lock()

    def do_PUT(self):  # noqa: N802 - the handler's API
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        with self.lock:
            type(self).received.append(body)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_two_hundred_mixed_submissions_each_reported_once(tmp_path):
    total = 2 * sum(copies for _, copies in MIX.values())
    assert total == 200
    direct = {}
    for kind, (name, _) in MIX.items():  # the file as both APIs store it: submission.py
        copy = tmp_path / kind / "submission.py"
        copy.parent.mkdir()
        shutil.copyfile(FILES / name, copy)
        for seed in (1, NATIVE_SEED):
            direct[kind, seed] = cli_json("tiny", copy, "--sandbox", "local", "--seed", str(seed))
            assert direct[kind, seed]["verdict"] == kind

    _Callbacks.received = []
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Callbacks)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    redis = Redis(tmp_path / "redis").start()
    db = f"sqlite:///{tmp_path / 'judge.db'}"
    server, workers = None, []
    try:
        server, client = start_serve(tmp_path, db, "--broker", redis.url, "--rate-limit", "0",
                                     "--callback-allow", "127.0.0.1")
        workers = [start_worker(tmp_path, redis.url, db, "--slots", "1", "--sandbox", "local", name=f"worker{n}")
                   for n in range(2)]
        callback = f"http://127.0.0.1:{receiver.server_address[1]}/judged"
        native, judge0 = {}, {}
        batch = []
        for kind, (name, copies) in MIX.items():
            source = (FILES / name).read_text()
            for _ in range(copies):
                status, body, _ = client.post("/api/v1/judgments", {"challenge": "tiny", "source": source,
                                                                    "seed": NATIVE_SEED})
                assert status == 201, body
                native[body["id"]] = kind
                batch.append(({"source_code": source, "language_id": 71, "challenge": "tiny",
                               "callback_url": callback}, kind))
        for start in range(0, len(batch), 20):  # Judge0's batch route, 20 at a time
            chunk = batch[start:start + 20]
            status, created, _ = client.post("/submissions/batch", {"submissions": [item for item, _ in chunk]})
            assert status == 201 and all("token" in c for c in created), created
            judge0.update({c["token"]: kind for c, (_, kind) in zip(created, chunk)})
        assert len(native) == len(judge0) == 100 and not set(native) & set(judge0)

        wait_until(lambda: len(_Callbacks.received) >= 100, 600, "a callback for every Judge0 submission", 1.0)
        for judgment_id, kind in native.items():
            document = client.wait_done(judgment_id, timeout=120)
            assert same_judgment(document, direct[kind, NATIVE_SEED]) == {}, (kind, document)
            assert document["attempt"] == 1
        counts = Counter(call["token"] for call in _Callbacks.received)
        assert set(counts) == set(judge0) and set(counts.values()) == {1}  # each reported exactly once
        for call in _Callbacks.received:
            assert call["status"]["id"] == JUDGE0_STATUS[judge0[call["token"]]], call
        for token, kind in judge0.items():  # the same judgment, as the native API shows it
            status, document, _ = client.get(f"/api/v1/judgments/{token}")
            assert status == 200 and same_judgment(document, direct[kind, 1]) == {}, (kind, document)
        status, health, _ = client.get("/api/v1/health")
        assert health["judgments"] == {"done": 200}  # none lost, none left queued or running
    finally:
        for process in [*workers, server]:
            if process is not None:
                process.stop()
        redis.stop()
        receiver.shutdown()
