"""Real servers for the service tests: `judge serve`, `judge worker`, Redis and PostgreSQL.

Each binds 127.0.0.1 on a free port, runs in its own process group, and is stopped (the whole
group, SIGTERM then SIGKILL) when the test ends, failed or not. Every wait is bounded.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACK = Path(__file__).with_name("service_pack")
JUDGE = [sys.executable, "-m", "judge"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    """A server process in its own group; `stop()` ends the group, `kill()` SIGKILLs it."""

    def __init__(self, argv: list[str], log: Path, env: dict | None = None) -> None:
        self.argv, self.log_path = argv, log
        self._log = open(log, "ab")
        self.proc = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, **(env or {})}, cwd=ROOT)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signum)

    def kill(self) -> None:
        self.signal_group(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)

    def stop(self, grace: float = 15.0) -> None:
        if self.proc.poll() is None:
            self.signal_group(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        self.signal_group(signal.SIGKILL)  # whatever of the group is left (children included)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        self._log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def wait_until(check, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - not up yet
            last = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what} (last error: {last})")


class Client:
    """A small JSON client with a timeout on every request."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base, self.token = base, token

    def request(self, method: str, path: str, body=None, raw: bytes | None = None, headers: dict | None = None,
                timeout: float = 30.0) -> tuple[int, object, dict]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        hdrs = {"content-type": "application/json", **(headers or {})}
        if self.token:
            hdrs.setdefault("x-auth-token", self.token)
        req = urllib.request.Request(self.base + path, method=method, data=data, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None, response.headers
        except urllib.error.HTTPError as exc:
            text = exc.read()
            return exc.code, json.loads(text) if text else None, exc.headers

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def wait_done(self, judgment_id: str, timeout: float = 120.0) -> dict:
        def done():
            status, document, _ = self.get(f"/api/v1/judgments/{judgment_id}")
            return document if status == 200 and document["state"] == "done" else None

        return wait_until(done, timeout, f"judgment {judgment_id}", interval=0.25)

    def judge0_done(self, token: str, timeout: float = 120.0) -> dict:
        def done():
            status, document, _ = self.get(f"/submissions/{token}?fields=*")
            return document if status == 200 and document["status"]["id"] > 2 else None

        return wait_until(done, timeout, f"submission {token}", interval=0.25)


def start_serve(tmp: Path, db_url: str, *extra: str, name: str = "serve", port: int | None = None) -> tuple[Process, Client]:
    port = port or free_port()
    argv = JUDGE + ["serve", "--host", "127.0.0.1", "--port", str(port), "--db", db_url,
                    "--challenges-dir", str(PACK), *extra]
    server = Process(argv, tmp / f"{name}.log")
    client = Client(f"http://127.0.0.1:{port}")
    try:
        wait_until(lambda: client.get("/api/v1/health", timeout=2)[0] == 200 or server.proc.poll() is not None,
                   60, "judge serve to answer")
        if server.proc.poll() is not None:
            raise AssertionError(f"judge serve exited: {server.output()}")
    except BaseException:
        server.stop()
        raise
    return server, client


def start_worker(tmp: Path, broker: str, db_url: str, *extra: str, name: str = "worker") -> Process:
    argv = JUDGE + ["worker", "--broker", broker, "--db", db_url, "--challenges-dir", str(PACK),
                    "--name", f"{name}-{os.getpid()}@127.0.0.1", *extra]
    worker = Process(argv, tmp / f"{name}.log")
    try:
        wait_until(lambda: "with" in worker.output() or worker.proc.poll() is not None, 60, "judge worker to start")
        if worker.proc.poll() is not None:
            raise AssertionError(f"judge worker exited: {worker.output()}")
    except BaseException:
        worker.stop()
        raise
    return worker


class Redis:
    """Debian's redis-server on a free loopback port, persistence on (AOF), noeviction."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: Process | None = None

    def start(self) -> "Redis":
        binary = shutil.which("redis-server")
        if binary is None:
            raise AssertionError("redis-server is not installed (scripts/setup.sh installs it)")
        self.folder.mkdir(parents=True, exist_ok=True)
        argv = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
                "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "noeviction",
                "--save", "", "--protected-mode", "yes", "--daemonize", "no"]
        self.process = Process(argv, self.folder / "redis.log")
        wait_until(self.ping, 20, "redis-server to answer")
        return self

    def ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None


class Postgres:
    """Debian's PostgreSQL (initdb into a temporary folder) on a free loopback port."""

    def __init__(self, folder: Path) -> None:
        # Not under pytest's tmp_path: initdb refuses root, and the unprivileged user that runs it
        # cannot enter pytest's private (0700) folders. A folder of its own in /tmp, removed by stop().
        self.folder = Path(tempfile.mkdtemp(prefix="judge-test-pg-"))
        self.log_folder = folder
        self.port = free_port()
        self.process: Process | None = None

    @staticmethod
    def binaries() -> Path | None:
        for version in ("17", "16", "15"):
            path = Path(f"/usr/lib/postgresql/{version}/bin")
            if (path / "initdb").exists():
                return path
        return None

    def start(self) -> "Postgres":
        bin_dir = self.binaries()
        if bin_dir is None:
            raise AssertionError("PostgreSQL is not installed (scripts/setup.sh installs it)")
        data = self.folder / "data"
        user = []
        if os.geteuid() == 0:  # initdb refuses root: the postgres user (Debian's package makes it) runs it
            account = "postgres" if _has_user("postgres") else "nobody"
            shutil.chown(self.folder, account)
            user = ["setpriv", f"--reuid={account}", f"--regid={account if account == 'postgres' else 'nogroup'}",
                    "--clear-groups"]
        subprocess.run(user + [str(bin_dir / "initdb"), "-D", str(data), "-U", "judge", "--auth=trust", "-E", "UTF8"],
                       check=True, capture_output=True, timeout=120)
        argv = user + [str(bin_dir / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(self.port),
                       "-k", str(self.folder), "-c", "fsync=off"]
        self.log_folder.mkdir(parents=True, exist_ok=True)
        self.process = Process(argv, self.log_folder / "postgres.log")
        wait_until(lambda: subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                                          capture_output=True, timeout=5).returncode == 0, 60, "postgres to answer")
        return self

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://judge@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def cli_json(challenge: str, path: Path, *extra: str) -> dict:
    """`judge run --json` on a file, in a fresh process, as a person would run it."""
    argv = JUDGE + ["run", "challenge", challenge, str(path), "--json", "--challenges-dir", str(PACK), *extra]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


DETERMINISTIC = ("verdict", "challenge", "message", "property", "counterexample", "expected", "actual", "seed",
                 "examples", "properties")


def same_judgment(service: dict, direct: dict) -> dict:
    """The fields that do not depend on timing; TLE's message names measured seconds, so only its
    verdict and property are compared."""
    keys = ("verdict", "property") if direct["verdict"] == "TLE" else DETERMINISTIC
    return {k: (service.get(k), direct.get(k)) for k in keys if service.get(k) != direct.get(k)}
