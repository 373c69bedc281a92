"""The Judge0-compatible subset: Judge0's routes, request fields, status ids and response shapes,
so an existing Judge0 client works unchanged (it adds one field, `challenge`, naming what to judge).

Judge0 has no verdict for a memory or output limit: both map to 12 (Runtime Error (Other)) with the
reason in `message`, as its own users do. The counterexample, expected and actual values and the
replay seed go in `message` too. Callbacks are a PUT of the result to `callback_url`, three tries,
only to hosts on the server's allowlist.
"""
from __future__ import annotations

import base64
import binascii
import logging
import platform
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from judge.service.store import Judgment, Store

log = logging.getLogger("judge.service")

PYTHON_LANGUAGE_ID = 71  # Judge0 CE's id for Python 3, which clients hard-code
BATCH_MAX = 20
CALLBACK_TRIES = 3
CALLBACK_TIMEOUT_S = 5.0

STATUSES = [
    (1, "In Queue"), (2, "Processing"), (3, "Accepted"), (4, "Wrong Answer"), (5, "Time Limit Exceeded"),
    (6, "Compilation Error"), (7, "Runtime Error (SIGSEGV)"), (8, "Runtime Error (SIGXFSZ)"),
    (9, "Runtime Error (SIGFPE)"), (10, "Runtime Error (SIGABRT)"), (11, "Runtime Error (NZEC)"),
    (12, "Runtime Error (Other)"), (13, "Internal Error"), (14, "Exec Format Error"),
]
DESCRIPTION = dict(STATUSES)
_SIGNAL_STATUS = (("SIGSEGV", 7), ("SIGXFSZ", 8), ("SIGFPE", 9), ("SIGABRT", 10))
DEFAULT_FIELDS = ("token", "stdout", "stderr", "compile_output", "message", "status", "time", "memory")
ALL_FIELDS = DEFAULT_FIELDS + ("source_code", "language_id", "challenge", "status_id", "wall_time", "created_at",
                               "finished_at", "cpu_time_limit", "wall_time_limit", "memory_limit", "callback_url",
                               "exit_code", "exit_signal", "stdin", "expected_output", "number_of_runs")
TEXT_FIELDS = ("source_code", "stdout", "stderr", "compile_output", "message", "stdin", "expected_output")


def status_id(row: Judgment) -> int:
    """Judge0's status id for a judgment's state and verdict."""
    if row.state == "queued":
        return 1
    if row.state != "done" or not row.result:
        return 2
    verdict = row.result["verdict"]
    if verdict == "RE":
        text = f"{row.result.get('message') or ''} {row.result.get('traceback') or ''}"
        for name, number in _SIGNAL_STATUS:
            if name in text:
                return number
        return 12 if "killed by signal" in text else 11
    return {"AC": 3, "WA": 4, "TLE": 5, "CE": 6, "MLE": 12, "OLE": 12, "IE": 13}.get(verdict, 13)


def _message(result: dict) -> str | None:
    verdict = result["verdict"]
    if verdict == "AC":
        return None
    from judge.result import Verdict

    lines = [f"{Verdict(verdict).meaning.title()}: {result.get('message') or ''}".strip()]
    if result.get("property"):
        lines.append(f"property: {result['property']}")
    for name in ("counterexample", "expected", "actual"):
        if result.get(name) is not None:
            lines.append(f"{name}: {result[name]}")
    lines.append(f"seed: {result.get('seed')} (replay: judge run challenge {result.get('challenge')} FILE "
                 f"--seed {result.get('seed')})")
    return "\n".join(lines)


def submission_document(row: Judgment) -> dict:
    """Every Judge0 field this service knows, for one judgment."""
    number = status_id(row)
    result = row.result or {}
    limits = row.limits or {}
    done = row.state == "done" and bool(result)
    verdict = result.get("verdict")
    peak = result.get("peak_memory_mib")
    return {
        "token": row.id, "source_code": row.source.decode("utf-8", "replace"), "language_id": PYTHON_LANGUAGE_ID,
        "challenge": row.challenge, "stdin": None, "expected_output": None, "number_of_runs": 1,
        "status": {"id": number, "description": DESCRIPTION[number]}, "status_id": number,
        "stdout": None,
        "stderr": result.get("traceback") if verdict in ("RE", "MLE", "OLE", "TLE") else None,
        "compile_output": "\n".join(filter(None, (result.get("message"), result.get("traceback"))))
        if verdict == "CE" else None,
        "message": _message(result) if done else None,
        "time": f"{result['cpu_seconds']:.3f}" if done else None,
        "wall_time": f"{result['wall_seconds']:.3f}" if done else None,
        "memory": int(peak * 1024) if done and peak is not None else None,
        "exit_code": None, "exit_signal": None,
        "created_at": _iso(row.created_at), "finished_at": _iso(row.finished_at),
        "cpu_time_limit": limits.get("cpu_seconds"), "wall_time_limit": limits.get("wall_seconds"),
        "memory_limit": limits["memory_mib"] * 1024 if "memory_mib" in limits else None,
        "callback_url": row.callback_url,
    }


def _iso(epoch: float | None) -> str | None:
    from judge.service.app import iso

    return iso(epoch)


def select_fields(document: dict, fields: tuple[str, ...], encode: bool) -> dict:
    out = {}
    for name in fields:
        value = document.get(name)
        if encode and name in TEXT_FIELDS and isinstance(value, str):
            value = base64.b64encode(value.encode("utf-8", "surrogatepass")).decode("ascii")
        out[name] = value
    return out


def parse_fields(text: str | None) -> tuple[str, ...]:
    from judge.service.app import ApiError

    if not text:
        return DEFAULT_FIELDS
    if text.strip() == "*":
        return ALL_FIELDS
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in ALL_FIELDS]
    if unknown:
        raise ApiError(400, f"invalid fields: {', '.join(unknown)} (known: {', '.join(ALL_FIELDS)})", "fields")
    return names


def parse_bool(text: str | None, name: str) -> bool:
    from judge.service.app import ApiError

    if text is None or text == "":
        return False
    if text.lower() in ("true", "1"):
        return True
    if text.lower() in ("false", "0"):
        return False
    raise ApiError(400, f"'{name}' must be true or false", name)


def callback_allowed(url: str, allow: tuple[str, ...]) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname is not None and parts.hostname in allow


def _limit(data: dict, name: str, high: float) -> float | None:
    from judge.service.app import ApiError

    value = data.get(name)
    if value is None:
        return None
    if type(value) not in (int, float) or not 0 < value <= high:
        raise ApiError(422, f"must be a number greater than 0 and at most {high:g}", name)
    return value


def parse_submission(service, data: Any, encoded: bool) -> dict:
    """A Judge0 request body as the store's fields; ApiError naming the field otherwise."""
    from judge.service.app import ApiError

    if not isinstance(data, dict):
        raise ApiError(422, "a submission must be a JSON object", "body")
    if data.get("source_code") in (None, ""):
        raise ApiError(422, "can't be blank", "source_code")
    if data.get("language_id") is None:
        raise ApiError(422, "can't be blank", "language_id")
    if data["language_id"] != PYTHON_LANGUAGE_ID:
        raise ApiError(422, f"language with id {data['language_id']} doesn't exist (this judge has Python, id "
                            f"{PYTHON_LANGUAGE_ID})", "language_id")
    if data.get("challenge") in (None, ""):
        raise ApiError(422, "can't be blank: name the judge challenge to judge against (GET /api/v1/challenges)",
                       "challenge")
    challenge = service.check_challenge(data["challenge"])
    source = data["source_code"]
    if not isinstance(source, str):
        raise ApiError(422, "must be a string", "source_code")
    if encoded:
        try:
            raw = base64.b64decode(source.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise ApiError(422, "is not valid Base64 (base64_encoded=true)", "source_code") from None
        service.check_size(raw, "source_code")
    else:
        raw = service.check_source(source, "source_code")
    limits = {}
    for name, key, high, scale in (("cpu_time_limit", "cpu_seconds", 600, 1), ("wall_time_limit", "wall_seconds", 1200, 1),
                                   ("memory_limit", "memory_mib", 16 * 1024 * 1024, 1 / 1024)):
        value = _limit(data, name, high)
        if value is not None:
            limits[key] = max(1, int(value * scale)) if key == "memory_mib" else float(value)
    callback = data.get("callback_url")
    if callback is not None:
        if not isinstance(callback, str) or not callback_allowed(callback, service.config.callback_allow):
            raise ApiError(422, "the callback host is not on this server's allowlist (judge serve --callback-allow)",
                           "callback_url")
    return {"challenge": challenge, "source": raw, "seed": 1, "limits": limits or None, "api": "judge0",
            "callback_url": callback}


def add_judge0_routes(app: FastAPI, service) -> None:
    from judge import __version__
    from judge.service.app import ApiError, read_json

    async def wait_done(judgment_id: str) -> Judgment:
        deadline = time.monotonic() + service.config.wait_s
        while True:
            row = await service.db(service.store.get, judgment_id)
            if row.state == "done" or time.monotonic() > deadline:
                return row
            await _sleep(0.1)

    @app.post("/submissions", status_code=201, tags=["judge0"])
    async def create_submission(request: Request, base64_encoded: str | None = None, wait: str | None = None,
                                fields: str | None = None):
        """Judge0's create: 201 with {"token"}; with wait=true, the finished submission."""
        encoded, waiting, names = parse_bool(base64_encoded, "base64_encoded"), parse_bool(wait, "wait"), parse_fields(fields)
        who = await service.authenticate(request)
        data = await read_json(request, service.body_cap())
        values = parse_submission(service, data, encoded)
        service.rate_limit(who)
        values["token_id"] = who if isinstance(who, int) else None
        judgment_id, _ = await service.db(lambda: service.create(**values))
        if not waiting:
            return JSONResponse({"token": judgment_id}, status_code=201)
        row = await wait_done(judgment_id)
        return JSONResponse(select_fields(submission_document(row), names, encoded), status_code=201)

    @app.post("/submissions/batch", status_code=201, tags=["judge0"])
    async def create_batch(request: Request, base64_encoded: str | None = None):
        """Up to 20 submissions; one {"token"} (or that item's errors) per item, in order."""
        encoded = parse_bool(base64_encoded, "base64_encoded")
        who = await service.authenticate(request)
        data = await read_json(request, service.body_cap(BATCH_MAX))
        items = data.get("submissions") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            raise ApiError(422, "must be a non-empty list of submissions", "submissions")
        if len(items) > BATCH_MAX:
            raise ApiError(422, f"at most {BATCH_MAX} submissions in one batch, got {len(items)}", "submissions")
        parsed: list[dict] = []
        for item in items:
            try:
                parsed.append(parse_submission(service, item, encoded))
            except ApiError as exc:
                parsed.append({"error": {exc.field or "error": [exc.message]}})
        valid = [p for p in parsed if "error" not in p]
        if valid:
            service.rate_limit(who, len(valid))
        out = []
        for values in parsed:
            if "error" in values:
                out.append(values["error"])
                continue
            values["token_id"] = who if isinstance(who, int) else None
            judgment_id, _ = await service.db(lambda v=values: service.create(**v))
            out.append({"token": judgment_id})
        return JSONResponse(out, status_code=201)

    @app.get("/submissions/batch", tags=["judge0"])
    async def get_batch(request: Request, tokens: str | None = None, base64_encoded: str | None = None,
                        fields: str | None = None):
        encoded, names = parse_bool(base64_encoded, "base64_encoded"), parse_fields(fields)
        await service.authenticate(request)
        wanted = [t.strip() for t in (tokens or "").split(",") if t.strip()]
        if not wanted:
            raise ApiError(400, "'tokens' must list at least one token", "tokens")
        if len(wanted) > BATCH_MAX:
            raise ApiError(400, f"at most {BATCH_MAX} tokens, got {len(wanted)}", "tokens")
        rows = await service.db(service.store.get_many, [t for t in wanted if len(t) <= 36])
        return {"submissions": [select_fields(submission_document(rows[t]), names, encoded) if t in rows else None
                                for t in wanted]}

    @app.get("/submissions/{token}", tags=["judge0"])
    async def get_submission(token: str, request: Request, base64_encoded: str | None = None,
                             fields: str | None = None):
        encoded, names = parse_bool(base64_encoded, "base64_encoded"), parse_fields(fields)
        await service.authenticate(request)
        row = await service.db(service.store.get, token) if len(token) <= 36 else None
        if row is None:
            raise ApiError(404, "Not Found", "token")
        return select_fields(submission_document(row), names, encoded)

    @app.get("/statuses", tags=["judge0"])
    async def statuses():
        return [{"id": number, "description": text} for number, text in STATUSES]

    @app.get("/languages", tags=["judge0"])
    async def languages():
        return [{"id": PYTHON_LANGUAGE_ID, "name": f"Python ({platform.python_version()})"}]

    @app.get("/languages/{language_id}", tags=["judge0"])
    async def language(language_id: int):
        if language_id != PYTHON_LANGUAGE_ID:
            raise ApiError(404, f"language with id {language_id} doesn't exist", "language_id")
        return {"id": PYTHON_LANGUAGE_ID, "name": f"Python ({platform.python_version()})", "is_archived": False,
                "source_file": "submission.py", "compile_cmd": None,
                "run_cmd": "judged against a challenge's properties in a sandbox"}

    @app.get("/about", tags=["judge0"])
    async def about():
        return {"version": __version__, "homepage": None, "source_code": None, "maintainer": "judge",
                "compatibility": "a subset of the Judge0 CE API; submissions name a judge challenge"}

    @app.get("/config_info", tags=["judge0"])
    async def config_info():
        challenges = await service.db(service.challenges)
        cpu = max((c.limits.cpu_seconds for c in challenges), default=0)
        wall = max((c.limits.wall_seconds for c in challenges), default=0)
        memory = max((c.limits.memory_mib for c in challenges), default=0) * 1024
        return {"maintenance_mode": False, "enable_wait_result": True, "enable_compiler_options": False,
                "allowed_languages_for_compile_options": [], "enable_command_line_arguments": False,
                "enable_submission_delete": False, "enable_callbacks": bool(service.config.callback_allow),
                "callbacks_max_tries": CALLBACK_TRIES, "callbacks_timeout": CALLBACK_TIMEOUT_S,
                "enable_additional_files": False, "max_queue_size": None,
                "cpu_time_limit": None, "max_cpu_time_limit": cpu, "wall_time_limit": None,
                "max_wall_time_limit": wall, "memory_limit": None, "max_memory_limit": memory,
                "max_submission_batch_size": BATCH_MAX, "max_source_code_bytes": service.config.max_source_bytes,
                "number_of_runs": 1, "max_number_of_runs": 1}


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


_SENDING: set[str] = set()


def send_callbacks(store: Store, allow: tuple[str, ...]) -> None:
    """For each finished judgment with a callback due: a thread PUTs its submission document to
    the callback_url, up to CALLBACK_TRIES times, and records how it went."""
    for row in store.callbacks_due():
        if row.id in _SENDING:
            continue
        _SENDING.add(row.id)
        threading.Thread(target=_send_one, args=(store, row, allow), name="callback", daemon=True).start()


def _send_one(store: Store, row: Judgment, allow: tuple[str, ...]) -> None:
    import httpx

    tries, ok = 0, False
    try:
        if row.callback_url and callback_allowed(row.callback_url, allow):
            body = select_fields(submission_document(row), DEFAULT_FIELDS, False)
            while tries < CALLBACK_TRIES and not ok:
                tries += 1
                try:
                    response = httpx.put(row.callback_url, json=body, timeout=CALLBACK_TIMEOUT_S,
                                         follow_redirects=False)
                    ok = response.status_code < 400
                except httpx.HTTPError:
                    ok = False
                if not ok and tries < CALLBACK_TRIES:
                    time.sleep(tries)
        store.callback_done(row.id, ok, tries)
    except Exception:  # noqa: BLE001 - never let a callback take the server down
        log.warning("callback for %s failed", row.id, exc_info=True)
    finally:
        _SENDING.discard(row.id)
