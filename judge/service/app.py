"""The HTTP service: the native API under /api/v1, the Judge0-compatible routes, the web page.

`create_app(config)` builds the FastAPI app; its lifespan opens the store (migrating it), starts
the dispatcher (embedded slots, or Celery when a broker is given) and the reconciler. Every error
is JSON naming the field at fault, with a 4xx status; nothing reaches the client as a traceback.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from judge.service.store import DEFAULT_LEASE_S, DuplicateKey, Judgment, Store, migrate

log = logging.getLogger("judge.service")
STATIC = Path(__file__).with_name("static")
EVENTS_POLL_S = 0.25
EVENTS_MAX_S = 1800.0  # one events stream lasts at most this long
MAX_SEED = 2**63 - 1
MAX_EXAMPLES_CAP = 100_000


@dataclass
class ServiceConfig:
    db_url: str
    broker: str | None = None  # None: the embedded dispatcher
    slots: int = field(default_factory=lambda: os.cpu_count() or 1)
    sandbox: str = "auto"
    challenges_dirs: tuple[str, ...] = ()
    max_source_bytes: int = 256 * 1024
    rate_per_minute: int = 120  # judgments created per token (or per client address without auth)
    callback_allow: tuple[str, ...] = ()  # hosts a Judge0 callback_url may name
    lease_s: float = DEFAULT_LEASE_S
    wait_s: float = 300.0  # the longest a `?wait=true` request waits
    stale_queued_s: float = 120.0  # distributed: a queued row unclaimed this long is sent again
    reconcile_s: float = 1.0


class ApiError(Exception):
    """A client error: HTTP status, a one-line message and the field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field, self.headers = status, message, field, headers


class RateLimiter:
    """A token bucket per key: `per_minute` judgments, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[Any, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: Any, count: int = 1) -> float:
        """0 when allowed, else the seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic()
        rate = self.per_minute / 60.0
        with self._lock:
            level, then = self._buckets.get(key, (float(self.per_minute), now))
            level = min(float(self.per_minute), level + (now - then) * rate)
            if level < count:
                self._buckets[key] = (level, now)
                return (count - level) / rate
            self._buckets[key] = (level - count, now)
            return 0.0


def iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def judgment_document(row: Judgment) -> dict:
    """`judge run --json`'s document plus the service's own fields (id, state, attempt, times)."""
    document: dict[str, Any] = {"verdict": None, "challenge": row.challenge, "seed": row.seed}
    if row.result:
        document.update(row.result)
    document.update(id=row.id, state=row.state, attempt=row.attempt, max_examples=row.max_examples,
                    progress=row.progress if row.state == "running" else None,
                    created_at=iso(row.created_at), started_at=iso(row.started_at), finished_at=iso(row.finished_at))
    return document


class Service:
    """What the routes share: the config, the store, the dispatcher, the catalog, the limiter."""

    def __init__(self, config: ServiceConfig) -> None:
        from judge.service.execute import JudgeContext

        self.config = config
        self.store = Store(config.db_url)
        self.limiter = RateLimiter(config.rate_per_minute)
        self.catalog = JudgeContext(challenges_dirs=config.challenges_dirs).catalog
        self.dispatcher = None
        self._auth_cache = (0.0, False)
        self._stop = threading.Event()
        self._reconciler = threading.Thread(target=self._reconcile_loop, name="reconciler", daemon=True)
        self._challenges: list | None = None

    def start(self) -> None:
        migrate(self.store.engine)
        if self.config.broker:
            from judge.service.tasks import CeleryDispatcher

            self.dispatcher = CeleryDispatcher(self.config.broker, self.config.db_url)
        else:
            from judge.service.dispatch import EmbeddedDispatcher, SlotOptions

            options = SlotOptions(self.config.db_url, self.config.sandbox, self.config.challenges_dirs,
                                  self.config.lease_s)
            self.dispatcher = EmbeddedDispatcher(self.store, self.config.slots, options)
        self.dispatcher.start()
        self._reconciler.start()

    def stop(self) -> None:
        self._stop.set()
        self._reconciler.join(timeout=10)
        if self.dispatcher is not None:
            self.dispatcher.stop()
        self.store.close()

    # -- the reconciler: attempts spent, leases lapsed, messages lost, callbacks due

    def _reconcile_loop(self) -> None:
        from judge.service.judge0 import send_callbacks

        while not self._stop.wait(self.config.reconcile_s):
            try:
                self.store.give_up_if_spent()
                if self.config.broker:
                    for judgment_id in self.store.to_enqueue(self.config.stale_queued_s):
                        self.dispatcher.submit(judgment_id)
                send_callbacks(self.store, self.config.callback_allow)
            except Exception:  # noqa: BLE001 - the database or broker blinked: next round
                log.warning("reconciler round failed", exc_info=True)

    # -- helpers for the routes

    def has_tokens(self) -> bool:
        checked, value = self._auth_cache
        if time.monotonic() - checked > 2.0:
            value = self.store.has_tokens()
            self._auth_cache = (time.monotonic(), value)
        return value

    async def authenticate(self, request: Request) -> Any:
        """The token's id, or the client's address when the store has no tokens (auth off)."""
        if not await anyio.to_thread.run_sync(self.has_tokens):
            return request.client.host if request.client else "anonymous"
        token = request.headers.get("x-auth-token")
        if not token:
            raise ApiError(401, "an API token is required in the X-Auth-Token header", "X-Auth-Token")
        token_id = await anyio.to_thread.run_sync(self.store.token_id, token)
        if token_id is None:
            raise ApiError(401, "unknown API token", "X-Auth-Token")
        return token_id

    def rate_limit(self, who: Any, count: int = 1) -> None:
        wait = self.limiter.take(who, count)
        if wait:
            raise ApiError(429, f"rate limit: {self.config.rate_per_minute} judgments a minute; retry in "
                                f"{wait:.0f} s", "X-Auth-Token", headers={"Retry-After": str(max(1, round(wait)))})

    def check_challenge(self, challenge_id: Any, field: str = "challenge") -> str:
        from judge.errors import JudgeError

        if not isinstance(challenge_id, str) or not challenge_id:
            raise ApiError(422, f"'{field}' must name a challenge (see GET /api/v1/challenges)", field)
        if challenge_id not in self.catalog.folders:
            try:
                self.catalog.get(challenge_id)
            except JudgeError as exc:
                raise ApiError(422, str(exc), field) from None
        return challenge_id

    def check_source(self, source: Any, field: str = "source") -> bytes:
        if source is None:
            raise ApiError(422, f"'{field}' is required", field)
        if not isinstance(source, str):
            raise ApiError(422, f"'{field}' must be a string of Python source", field)
        data = source.encode("utf-8", "surrogatepass")
        self.check_size(data, field)
        return data

    def check_size(self, data: bytes, field: str) -> None:
        if len(data) > self.config.max_source_bytes:
            raise ApiError(413, f"'{field}' is {len(data)} bytes, more than the limit of "
                                f"{self.config.max_source_bytes} bytes", field)

    def body_cap(self, items: int = 1) -> int:
        """The largest request body read: the source limit, base64-inflated, plus room for JSON."""
        return items * (self.config.max_source_bytes * 2 + 64 * 1024)

    def create(self, **fields) -> tuple[str, bool]:
        """(id, created); an idempotency key seen before returns its judgment, not a new one."""
        try:
            judgment_id = self.store.create(**fields)
        except DuplicateKey as exc:
            return exc.judgment_id, False
        self.dispatcher.submit(judgment_id)
        return judgment_id, True

    def challenges(self) -> list:
        if self._challenges is None:
            self._challenges, _ = self.catalog.load_all()
        return self._challenges

    async def db(self, fn, *args):
        return await anyio.to_thread.run_sync(fn, *args)


async def read_json(request: Request, cap: int) -> Any:
    """The body as JSON, read up to `cap` bytes (413 beyond), 400 when it does not parse."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > cap:
        raise ApiError(413, f"the request body is larger than {cap} bytes", "body")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise ApiError(413, f"the request body is larger than {cap} bytes", "body")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise ApiError(422, "the request has no JSON body", "body")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the body is not valid JSON", "body") from None


def optional_int(data: dict, name: str, low: int, high: int) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if type(value) is not int or not low <= value <= high:
        raise ApiError(422, f"'{name}' must be an integer from {low} to {high}", name)
    return value


def optional_str(data: dict, name: str, longest: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > longest:
        raise ApiError(422, f"'{name}' must be a non-empty string of at most {longest} characters", name)
    return value


NATIVE_FIELDS = {"challenge", "source", "seed", "max_examples", "idempotency_key", "filename"}


def create_app(config: ServiceConfig) -> FastAPI:
    from judge import __version__

    service = Service(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        service.start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(service.stop)

    app = FastAPI(title="judge", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Property-tested judging over HTTP: the native API under /api/v1 and a "
                              "Judge0-compatible subset.")
    app.state.service = service

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return error_response(request, exc.status, exc.message, exc.field, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = {404: "no such route", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
        return error_response(request, exc.status_code, message, None, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or None
        return error_response(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid')}", where)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, f"internal error: {type(exc).__name__}", None)

    # -- native API

    @app.post("/api/v1/judgments", status_code=201, tags=["native"],
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["challenge", "source"], "properties": {
                      "challenge": {"type": "string"}, "source": {"type": "string"},
                      "seed": {"type": "integer", "default": 1}, "max_examples": {"type": "integer"},
                      "idempotency_key": {"type": "string"}, "filename": {"type": "string"}}}}}}})
    async def create_judgment(request: Request):
        """Queue a judgment; returns its id. A repeated idempotency_key returns the first one's id."""
        who = await service.authenticate(request)
        data = await read_json(request, service.body_cap())
        if not isinstance(data, dict):
            raise ApiError(422, "the body must be a JSON object", "body")
        unknown = sorted(set(data) - NATIVE_FIELDS)
        if unknown:
            raise ApiError(422, f"unknown field '{unknown[0]}' (known: {', '.join(sorted(NATIVE_FIELDS))})", unknown[0])
        if "challenge" not in data:
            raise ApiError(422, "'challenge' is required", "challenge")
        challenge = service.check_challenge(data["challenge"])
        source = service.check_source(data.get("source"))
        seed = optional_int(data, "seed", 0, MAX_SEED)
        max_examples = optional_int(data, "max_examples", 1, MAX_EXAMPLES_CAP)
        key = optional_str(data, "idempotency_key", 200)
        from judge.service.execute import safe_filename

        filename = safe_filename(optional_str(data, "filename", 200))
        service.rate_limit(who)
        judgment_id, created = await service.db(lambda: service.create(
            challenge=challenge, source=source, seed=1 if seed is None else seed, max_examples=max_examples,
            idempotency_key=key, filename=filename, token_id=who if isinstance(who, int) else None))
        body = {"id": judgment_id, "created": created, "url": f"/api/v1/judgments/{judgment_id}"}
        return JSONResponse(body, status_code=201 if created else 200)

    async def row_or_404(judgment_id: str, field: str = "id") -> Judgment:
        row = await service.db(service.store.get, judgment_id) if len(judgment_id) <= 36 else None
        if row is None:
            raise ApiError(404, f"no judgment {judgment_id!r}", field)
        return row

    @app.get("/api/v1/judgments/{judgment_id}", tags=["native"])
    async def get_judgment(judgment_id: str, request: Request):
        """The `judge run --json` document plus id, state, attempt, progress and timestamps."""
        await service.authenticate(request)
        return judgment_document(await row_or_404(judgment_id))

    @app.get("/api/v1/judgments/{judgment_id}/events", tags=["native"])
    async def judgment_events(judgment_id: str, request: Request):
        """Server-sent events: `queued`, `running` (step and example count, as they change), `done`
        (the full document). The stream ends after `done`."""
        await service.authenticate(request)
        await row_or_404(judgment_id)

        async def stream():
            started = sent_at = time.monotonic()
            last = None
            while time.monotonic() - started < EVENTS_MAX_S:
                row = await service.db(service.store.get, judgment_id)
                document = judgment_document(row)
                if row.state == "done":
                    yield sse("done", document)
                    return
                key = (row.state, row.attempt, json.dumps(row.progress, sort_keys=True))
                if key != last:
                    last, sent_at = key, time.monotonic()
                    yield sse(row.state, {"id": row.id, "state": row.state, "attempt": row.attempt,
                                          "progress": row.progress})
                elif time.monotonic() - sent_at > 15:
                    sent_at = time.monotonic()
                    yield ": keep-alive\n\n"
                if await request.is_disconnected():
                    return
                await asyncio.sleep(EVENTS_POLL_S)
            yield sse("timeout", {"id": judgment_id, "message": "the stream's time is up; GET the judgment"})

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.get("/api/v1/challenges", tags=["native"])
    async def list_challenges(request: Request):
        """Every challenge as `judge list --json` describes it."""
        await service.authenticate(request)
        from judge.cli import describe

        return [describe(c, spec=False) for c in await service.db(service.challenges)]

    @app.get("/api/v1/challenges/{challenge_id}", tags=["native"])
    async def show_challenge(challenge_id: str, request: Request):
        """A challenge's spec (markdown), interface, limits and constraints: `judge show --json`'s document."""
        await service.authenticate(request)
        from judge.cli import describe

        for challenge in await service.db(service.challenges):
            if challenge.id == challenge_id:
                return describe(challenge, spec=True)
        service.check_challenge(challenge_id, "challenge_id")  # names the closest match
        raise ApiError(404, f"no challenge {challenge_id!r}", "challenge_id")

    @app.get("/api/v1/health", tags=["native"])
    async def health():
        counts = await service.db(service.store.counts)
        return {"ok": True, "mode": "distributed" if config.broker else "embedded", "judgments": counts}

    from judge.service.judge0 import add_judge0_routes

    add_judge0_routes(app, service)

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str):
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise ApiError(404, f"no static file {name!r}", "name")
        return FileResponse(path)

    return app


def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def error_response(request: Request, status: int, message: str, field: str | None,
                   headers: dict | None = None) -> JSONResponse:
    """Native routes: {"error", "field"}. Judge0 routes: Judge0's own shape, {field: [message]} for
    a field's error, else {"error": message}."""
    if request.url.path.startswith("/api/") or request.url.path == "/" or not field or field in ("body", "X-Auth-Token"):
        body: dict[str, Any] = {"error": message, "field": field}
    else:
        body = {field: [message], "error": message}
    return JSONResponse(body, status_code=status, headers=headers)
