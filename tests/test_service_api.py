"""`judge serve` embedded: the native API, the Judge0 subset, auth, limits, errors and a restart,
against a real server process (uvicorn, SQLite WAL, judging slots) on a loopback port.

The local sandbox keeps these about the service; test_service_distributed.py goes through Docker.
"""
from __future__ import annotations

import base64
import http.server
import json
import sqlite3
import subprocess
import threading
import time
import urllib.request

import pytest

from service_support import JUDGE, ROOT, Client, cli_json, same_judgment, start_serve, wait_until

pytest.importorskip("fastapi")

LRU = ROOT / "challenges" / "lru_cache"
SUBMISSIONS = ROOT / "tests" / "service_submissions"
LRU_OK = ROOT / "tests" / "submissions" / "lru_ok.py"
LRU_WA = LRU / "wrong" / "evicts_most_recent.py"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("service")]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One embedded server for the read-mostly tests of this module (no tokens: auth off)."""
    tmp = tmp_path_factory.mktemp("serve")
    server, client = start_serve(tmp, f"sqlite:///{tmp / 'judge.db'}", "--sandbox", "local", "--slots", "2",
                                 "--callback-allow", "127.0.0.1", "--rate-limit", "0")
    try:
        yield server, client, tmp
    finally:
        server.stop()


def submit(client: Client, challenge: str, path, **extra) -> str:
    status, body, _ = client.post("/api/v1/judgments", {"challenge": challenge, "source": path.read_text(),
                                                        "filename": path.name, **extra})
    assert status == 201, body
    return body["id"]


def test_native_result_is_judge_run_json(served):
    _, client, _ = served
    ids = {path: submit(client, "lru_cache", path, max_examples=10) for path in (LRU_OK, LRU_WA)}
    for path, judgment_id in ids.items():
        document = client.wait_done(judgment_id)
        direct = cli_json("lru_cache", path, "--sandbox", "local", "--max-examples", "10")
        assert same_judgment(document, direct) == {}, path
        assert document["state"] == "done" and document["attempt"] == 1 and document["id"] == judgment_id
        assert document["created_at"] <= document["started_at"] <= document["finished_at"]
        assert document["submission"] == path.name and document["schema"] == direct["schema"]


def read_events(client: Client, judgment_id: str, timeout: float = 60) -> list[tuple[str, dict]]:
    request = urllib.request.Request(f"{client.base}/api/v1/judgments/{judgment_id}/events")
    events, name = [], None
    with urllib.request.urlopen(request, timeout=timeout) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    return events


def test_events_stream_queued_running_done(served):
    _, client, _ = served
    judgment_id = submit(client, "sleepy", SUBMISSIONS / "echo_slow.py", max_examples=25)
    events = read_events(client, judgment_id)
    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("done") == 1
    assert "running" in names and names.index("running") < names.index("done")
    assert set(names) <= {"queued", "running", "done"}
    counts = [data["progress"]["examples"] for name, data in events if name == "running" and data["progress"]]
    assert counts == sorted(counts) and counts and max(counts) > 0, events  # examples counted as they run
    assert events[-1][1]["verdict"] == "AC" and events[-1][1]["examples"] == 25


def test_challenges_endpoints(served):
    _, client, _ = served
    status, challenges, _ = client.get("/api/v1/challenges")
    assert status == 200 and {"lru_cache", "sleepy"} <= {c["id"] for c in challenges}
    status, lru, _ = client.get("/api/v1/challenges/lru_cache")
    assert status == 200 and lru["interface"] == ["LRUCache"] and lru["limits"]["wall_seconds"] > 0
    assert lru["spec"] == (LRU / "spec.md").read_text()
    shown = subprocess.run(JUDGE + ["show", "lru_cache", "--json"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert lru == json.loads(shown.stdout)  # the same document as `judge show --json`
    status, body, _ = client.get("/api/v1/challenges/lru_cach")
    assert status == 422 and body["field"] == "challenge_id" and "lru_cache" in body["error"]
    status, openapi, _ = client.get("/openapi.json")
    assert status == 200 and "/api/v1/judgments" in openapi["paths"] and "/submissions" in openapi["paths"]


@pytest.mark.parametrize("body, status, field", [
    ({"source": "x = 1"}, 422, "challenge"),
    ({"challenge": "nope", "source": "x = 1"}, 422, "challenge"),
    ({"challenge": "lru_cache"}, 422, "source"),
    ({"challenge": "lru_cache", "source": 5}, 422, "source"),
    ({"challenge": "lru_cache", "source": "x", "seed": "one"}, 422, "seed"),
    ({"challenge": "lru_cache", "source": "x", "max_examples": 0}, 422, "max_examples"),
    ({"challenge": "lru_cache", "source": "x", "colour": "red"}, 422, "colour"),
    ({"challenge": "lru_cache", "source": "x" * (256 * 1024 + 1)}, 413, "source"),
    ([1, 2], 422, "body"),
])
def test_native_bad_input_names_the_field(served, body, status, field):
    _, client, _ = served
    got, answer, _ = client.post("/api/v1/judgments", body)
    assert (got, answer["field"]) == (status, field), answer
    assert "Traceback" not in answer["error"] and answer["error"]


def test_malformed_requests_are_4xx_json(served):
    _, client, _ = served
    assert client.post("/api/v1/judgments", raw=b"{not json")[:2] == (400, {"error": "the body is not valid JSON",
                                                                              "field": "body"})
    status, body, _ = client.post("/api/v1/judgments", raw=b"x" * (2 << 20))
    assert status == 413 and body["field"] == "body"
    status, body, _ = client.get("/api/v1/judgments/0000")
    assert status == 404 and body["field"] == "id"
    status, body, _ = client.get("/api/v1/nothing-here")
    assert status == 404 and body == {"error": "no such route", "field": None}


def test_idempotency_key_returns_the_first_judgment(served):
    _, client, _ = served
    first = client.post("/api/v1/judgments", {"challenge": "sleepy", "source": "def echo(x): return x",
                                              "idempotency_key": "exam-42"})
    again = client.post("/api/v1/judgments", {"challenge": "sleepy", "source": "def echo(x): return x",
                                              "idempotency_key": "exam-42"})
    assert first[0] == 201 and again[0] == 200 and first[1]["id"] == again[1]["id"] and again[1]["created"] is False


def test_store_is_sqlite_wal_under_alembic(served):
    _, _, tmp = served
    with sqlite3.connect(tmp / "judge.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


# -- Judge0 compatibility

def test_judge0_reference_routes(served):
    _, client, _ = served
    status, statuses, _ = client.get("/statuses")
    assert status == 200 and statuses[0] == {"id": 1, "description": "In Queue"}
    assert {s["id"]: s["description"] for s in statuses}[11] == "Runtime Error (NZEC)" and len(statuses) == 14
    status, languages, _ = client.get("/languages")
    assert status == 200 and [lang["id"] for lang in languages] == [71] and languages[0]["name"].startswith("Python")
    assert client.get("/about")[0] == 200
    status, config, _ = client.get("/config_info")
    assert status == 200 and config["max_submission_batch_size"] == 20 and config["enable_callbacks"] is True


def test_judge0_wait_base64_and_fields(served):
    _, client, _ = served
    source = base64.b64encode(LRU_WA.read_bytes()).decode()
    status, body, _ = client.post("/submissions?base64_encoded=true&wait=true",
                                  {"source_code": source, "language_id": 71, "challenge": "lru_cache"})
    assert status == 201 and set(body) == {"token", "stdout", "stderr", "compile_output", "message", "status",
                                           "time", "memory"}
    assert body["status"] == {"id": 4, "description": "Wrong Answer"}
    message = base64.b64decode(body["message"]).decode()
    assert "counterexample: " in message and "expected: " in message and "seed: 1" in message
    assert float(body["time"]) >= 0 and (body["memory"] is None or body["memory"] > 0)
    status, few, _ = client.get(f"/submissions/{body['token']}?fields=status,time,challenge")
    assert status == 200 and set(few) == {"status", "time", "challenge"} and few["challenge"] == "lru_cache"
    status, every, _ = client.get(f"/submissions/{body['token']}?fields=*")
    assert every["source_code"] == LRU_WA.read_text() and every["language_id"] == 71
    status, bad, _ = client.get(f"/submissions/{body['token']}?fields=status,nope")
    assert status == 400 and bad["fields"] and "nope" in bad["error"]


@pytest.mark.parametrize("body, query, field", [
    ({"language_id": 71, "challenge": "lru_cache"}, "", "source_code"),
    ({"source_code": "x", "challenge": "lru_cache"}, "", "language_id"),
    ({"source_code": "x", "language_id": 54, "challenge": "lru_cache"}, "", "language_id"),
    ({"source_code": "x", "language_id": 71}, "", "challenge"),
    ({"source_code": "x", "language_id": 71, "challenge": "nope"}, "", "challenge"),
    ({"source_code": "not base64!", "language_id": 71, "challenge": "lru_cache"}, "?base64_encoded=true", "source_code"),
    ({"source_code": "x", "language_id": 71, "challenge": "lru_cache", "cpu_time_limit": -1}, "", "cpu_time_limit"),
    ({"source_code": "x", "language_id": 71, "challenge": "lru_cache", "callback_url": "http://10.1.2.3/cb"}, "",
     "callback_url"),
])
def test_judge0_bad_input_names_the_field(served, body, query, field):
    _, client, _ = served
    status, answer, _ = client.post(f"/submissions{query}", body)
    assert status == 422 and field in answer and isinstance(answer[field], list), answer


def test_judge0_batch(served):
    _, client, _ = served
    items = [{"source_code": path.read_text(), "language_id": 71, "challenge": "lru_cache"}
             for path in (LRU_OK, SUBMISSIONS / "lru_syntax_error.py")]
    items.append({"source_code": "x", "language_id": 71})  # its own error, in its place
    status, created, _ = client.post("/submissions/batch", {"submissions": items})
    assert status == 201 and len(created) == 3 and "token" in created[0] and "token" in created[1]
    assert created[2] == {"challenge": [created[2]["challenge"][0]]}
    tokens = [created[0]["token"], created[1]["token"]]
    for token in tokens:
        client.judge0_done(token)
    status, got, _ = client.get(f"/submissions/batch?tokens={','.join(tokens)},missing&fields=token,status,compile_output")
    assert status == 200 and [s and s["status"]["id"] for s in got["submissions"]] == [3, 6, None]
    assert "SyntaxError" in got["submissions"][1]["compile_output"]
    too_many = {"submissions": [items[0]] * 21}
    status, answer, _ = client.post("/submissions/batch", too_many)
    assert status == 422 and "submissions" in answer
    status, answer, _ = client.get("/submissions/batch?tokens=" + ",".join(["a"] * 21))
    assert status == 400 and "tokens" in answer


class _Receiver(http.server.BaseHTTPRequestHandler):
    calls: list = []
    fail_first = 0

    def do_PUT(self):  # noqa: N802 - the handler's API
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        type(self).calls.append(body)
        code = 500 if len(type(self).calls) <= type(self).fail_first else 200
        self.send_response(code)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_judge0_callback_is_put_with_retries(served):
    _, client, _ = served
    _Receiver.calls, _Receiver.fail_first = [], 2
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{receiver.server_address[1]}/done"
        status, body, _ = client.post("/submissions", {"source_code": LRU_OK.read_text(), "language_id": 71,
                                                       "challenge": "lru_cache", "callback_url": url})
        assert status == 201
        wait_until(lambda: len(_Receiver.calls) >= 3, 120, "three callback tries")
        time.sleep(1.0)
        assert len(_Receiver.calls) == 3  # two refused, the third accepted: no fourth
        assert all(call["token"] == body["token"] and call["status"]["id"] == 3 for call in _Receiver.calls)
    finally:
        receiver.shutdown()


# -- auth, rate limit, restart: servers of their own

def test_tokens_and_rate_limit(tmp_path):
    db = f"sqlite:///{tmp_path / 'auth.db'}"
    made = subprocess.run(JUDGE + ["serve", "token", "create", "--name", "ci", "--db", db], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    server, anonymous = start_serve(tmp_path, db, "--sandbox", "local", "--slots", "1", "--rate-limit", "2")
    try:
        body = {"challenge": "sleepy", "source": "def echo(x): return x", "max_examples": 1}
        status, answer, _ = anonymous.post("/api/v1/judgments", body)
        assert (status, answer["field"]) == (401, "X-Auth-Token")
        assert Client(anonymous.base, "jt_wrong").post("/api/v1/judgments", body)[0] == 401
        assert anonymous.post("/submissions", {"source_code": "x", "language_id": 71, "challenge": "sleepy"})[0] == 401
        client = Client(anonymous.base, token)
        assert [client.post("/api/v1/judgments", body)[0] for _ in range(2)] == [201, 201]
        status, answer, headers = client.post("/api/v1/judgments", body)
        assert status == 429 and int(headers["Retry-After"]) >= 1 and "rate limit" in answer["error"]
    finally:
        server.stop()


def test_restart_mid_run_loses_nothing(tmp_path):
    """Kill the server's whole process group while judgments run; a new server on the same store
    finishes every one, each exactly once."""
    db = f"sqlite:///{tmp_path / 'restart.db'}"
    server, client = start_serve(tmp_path, db, "--sandbox", "local", "--slots", "2", "--rate-limit", "0")
    try:
        ids = [submit(client, "sleepy", SUBMISSIONS / "echo_slow.py", max_examples=30) for _ in range(4)]
        wait_until(lambda: client.get("/api/v1/health")[1]["judgments"].get("running", 0) == 2, 30, "two running")
    finally:
        server.kill()
        server.stop()
    server, client = start_serve(tmp_path, db, "--sandbox", "local", "--slots", "2", "--rate-limit", "0",
                                 name="serve-again")
    try:
        documents = [client.wait_done(judgment_id, timeout=120) for judgment_id in ids]
        assert [d["verdict"] for d in documents] == ["AC"] * 4
        assert sorted(d["attempt"] for d in documents) == [1, 1, 2, 2]  # the two cut short ran again
    finally:
        server.stop()
    with sqlite3.connect(tmp_path / "restart.db") as store:
        assert store.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM judgments WHERE state='done'").fetchone() == (4, 4)


def test_serve_and_worker_usage_errors_are_one_line(tmp_path):
    """What cannot work is said at start, in one line, with exit code 2: a store that cannot be
    opened, a port in use, a broker that does not answer, an unknown sandbox."""
    import socket

    store = f"sqlite:///{tmp_path / 'ok.db'}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        cases = {
            "cannot open the store": ["serve", "--db", "sqlite:////nonexistent/folder/judge.db"],
            "cannot listen on 127.0.0.1:": ["serve", "--db", store, "--port", port, "--sandbox", "local"],
            "unknown sandbox 'bogus'": ["serve", "--db", store, "--sandbox", "bogus"],
            "does not answer": ["worker", "--broker", f"redis://127.0.0.1:{port}/0", "--db", store],
            "must be a redis:// URL": ["serve", "--db", store, "--broker", "amqp://127.0.0.1/"],
        }
        for expected, argv in cases.items():
            done = subprocess.run(JUDGE + argv, capture_output=True, text=True, timeout=60, cwd=ROOT)
            assert done.returncode == 2, (argv, done.stderr)
            assert done.stderr.startswith("judge: error: ") and expected in done.stderr, done.stderr
            assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_embedded_slot_that_dies_every_time_ends_as_ie(served):
    """The crasher challenge kills the judging slot's process at every attempt: the dispatcher
    releases the lease at once, gives the judgment a fresh process, and after three attempts the
    verdict is IE; the slots go on judging."""
    _, client, _ = served
    status, body, _ = client.post("/api/v1/judgments", {"challenge": "crasher", "source": "def echo(x): return x"})
    assert status == 201
    document = client.wait_done(body["id"], timeout=120)
    assert (document["verdict"], document["attempt"]) == ("IE", 3) and "attempted 3 times" in document["message"]
    ok = submit(client, "sleepy", SUBMISSIONS / "echo_ok.py", max_examples=3)
    assert client.wait_done(ok)["verdict"] == "AC"
