"""`judge serve`, `judge serve token create` and `judge worker`: their arguments and commands.

Imported by `judge.cli` at start-up, so only argparse here; the service's own modules (FastAPI,
SQLAlchemy, Celery) are imported by the commands that use them.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_PORT = 8000


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value

    return parse


def add_service_commands(sub, add_common) -> None:
    serve = sub.add_parser("serve", help="run judge as an HTTP service (native API, Judge0 API, web page)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--db", default=None, metavar="URL",
                       help="SQLAlchemy URL of the store (default: a SQLite file under ~/.local/share/judge)")
    serve.add_argument("--broker", default=None, metavar="URL",
                       help="Redis URL: judgments go to `judge worker` processes (default: judged in this process)")
    serve.add_argument("--slots", type=_positive(int), default=None, metavar="N",
                       help="embedded mode: judgments at once (default: the number of cores)")
    serve.add_argument("--sandbox", default="auto", help="embedded mode: auto, docker or local")
    serve.add_argument("--max-source-kib", type=_positive(int), default=256, metavar="KIB",
                       help="largest submission accepted (default 256 KiB)")
    serve.add_argument("--rate-limit", type=int, default=120, metavar="N",
                       help="judgments a minute per API token (0: no limit; default 120)")
    serve.add_argument("--callback-allow", action="append", default=[], metavar="HOST",
                       help="a host Judge0 callback_url may name (repeatable; default: callbacks refused)")
    serve.add_argument("--lease-seconds", type=_positive(float), default=10.0, metavar="S",
                       help="a judging process's lease, renewed while it runs (default 10)")
    serve.add_argument("--wait-seconds", type=_positive(float), default=300.0, metavar="S",
                       help="the longest a Judge0 ?wait=true request waits (default 300)")
    serve.add_argument("--requeue-seconds", type=_positive(float), default=120.0, metavar="S",
                       help="distributed mode: a queued judgment not claimed this long is sent again (default 120)")
    add_common(serve)
    serve_sub = serve.add_subparsers(dest="serve_action")
    token = serve_sub.add_parser("token", help="manage API tokens")
    token_sub = token.add_subparsers(dest="token_action", required=True)
    create = token_sub.add_parser("create", help="create an API token (printed once); with any token, the API needs one")
    create.add_argument("--name", default="default", help="who the token is for")
    create.add_argument("--db", dest="token_db", default=None, metavar="URL", help="the store (default as for serve)")

    worker = sub.add_parser("worker", help="judge for a distributed `judge serve`: a Celery worker on Redis")
    worker.add_argument("--broker", required=True, metavar="URL", help="Redis URL, as given to judge serve")
    worker.add_argument("--db", required=True, metavar="URL", help="the store's SQLAlchemy URL, as given to judge serve")
    worker.add_argument("--slots", type=_positive(int), default=None, metavar="N",
                        help="judgments at once (default: the number of cores)")
    worker.add_argument("--sandbox", default="auto", help="auto, docker or local")
    worker.add_argument("--lease-seconds", type=_positive(float), default=10.0, metavar="S",
                        help="the lease on a judgment, renewed while it runs (default 10)")
    worker.add_argument("--visibility-timeout", type=_positive(float), default=None, metavar="S",
                        help="Redis visibility timeout (default: twice the largest wall limit, at least 60 s)")
    worker.add_argument("--name", default=None, help="the Celery node name (default judge-PID@HOST)")
    add_common(worker)
    _example(serve, "judge serve --port 8000 --slots 2\n"
                    "  judge serve --broker redis://127.0.0.1:6379/0 --db postgresql+psycopg://judge@127.0.0.1/judge",
             "exit codes: 0 stopped cleanly, 2 usage error (a bad option, a store or broker that cannot be reached)")
    _example(create, "judge serve token create --name course-2026",
             "exit codes: 0 created (the token is printed once), 2 the store cannot be opened")
    _example(worker, "judge worker --broker redis://127.0.0.1:6379/0 --db postgresql+psycopg://judge@127.0.0.1/judge "
                     "--slots 4", "exit codes: 0 stopped cleanly, 2 usage error or unreachable broker or store")


def _example(parser: argparse.ArgumentParser, example: str, codes: str) -> None:
    """As `judge.cli` documents every command: an example and the exit codes after --help."""
    parser.epilog = f"example:\n  {example}\n\n{codes}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _db_url(value: str | None) -> str:
    from judge.service.store import default_db_url

    return value or os.environ.get("JUDGE_DB") or default_db_url()


def _challenges_dirs(args) -> tuple[str, ...]:
    from judge.errors import JudgeError

    dirs = []
    for folder in args.challenges_dir:
        if not Path(folder).is_dir():
            raise JudgeError(f"--challenges-dir {folder}: no such folder")
        dirs.append(str(Path(folder).resolve()))
    return tuple(dirs)


def _open_store(url: str):
    """The store, migrated; a JudgeError naming the URL when the database cannot be reached."""
    from judge.errors import JudgeError
    from judge.service.store import Store, migrate

    try:
        store = Store(url)
        migrate(store.engine)
    except Exception as exc:  # noqa: BLE001 - a bad URL, a refused connection, a missing driver
        raise JudgeError(f"cannot open the store {url}: {str(exc).splitlines()[0][:300]}") from None
    return store


def cmd_serve(args) -> int:
    from judge.errors import JudgeError

    if getattr(args, "serve_action", None) == "token":
        url = _db_url(args.token_db or args.db)
        store = _open_store(url)
        token = store.create_token(args.name)
        store.close()
        print(token)
        print(f"judge: created API token {args.name!r} in {url}; send it as the X-Auth-Token header "
              "(shown once, stored only as a hash)", file=sys.stderr)
        return 0
    if not 0 <= args.port <= 65535:
        raise JudgeError(f"--port must be from 0 to 65535, got {args.port}")
    if args.rate_limit < 0:
        raise JudgeError("--rate-limit must be 0 (no limit) or more")
    try:
        import uvicorn

        from judge.service.app import ServiceConfig, create_app
    except ImportError as exc:
        raise JudgeError(f"judge serve needs the service extra: pip install 'propjudge[service]' ({exc})") from None
    url = _db_url(args.db)
    store = _open_store(url)
    auth = store.has_tokens()
    store.close()
    config = ServiceConfig(db_url=url, broker=args.broker, slots=args.slots or (os.cpu_count() or 1),
                           sandbox=args.sandbox, challenges_dirs=_challenges_dirs(args),
                           max_source_bytes=args.max_source_kib * 1024, rate_per_minute=args.rate_limit,
                           callback_allow=tuple(args.callback_allow), lease_s=args.lease_seconds,
                           wait_s=args.wait_seconds, stale_queued_s=args.requeue_seconds)
    if args.broker:
        _check_broker(args.broker)
        mode = f"distributed, broker {args.broker}"
    else:
        mode = f"embedded, {config.slots} slots, sandbox {_check_sandbox(args.sandbox, config.challenges_dirs)}"
    _check_listen(args.host, args.port)
    print(f"judge serve: http://{args.host}:{args.port}/ ({mode}; store {_safe_url(url)}; "
          f"{'API tokens required' if auth else 'no API tokens yet: open to anyone who can connect'})",
          file=sys.stderr, flush=True)
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning",
                timeout_graceful_shutdown=5)
    return 0


def _safe_url(url: str) -> str:
    """A URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url


def _check_broker(url: str) -> None:
    from judge.errors import JudgeError

    if not url.startswith(("redis://", "rediss://")):
        raise JudgeError(f"--broker must be a redis:// URL, got {url!r}")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except Exception as exc:  # noqa: BLE001
        raise JudgeError(f"the broker {url} does not answer: {str(exc).splitlines()[0][:200]}") from None


def _check_sandbox(sandbox: str, challenges_dirs: tuple[str, ...]) -> str:
    """A sandbox that is not there is a usage error now, not an IE on every judgment later.
    Returns the backend's name; `auto` falling back to weaker isolation is said on stderr."""
    from judge.backends import choose_backend, close_backend
    from judge.service.execute import JudgeContext

    context = JudgeContext(sandbox, challenges_dirs)
    context.catalog  # noqa: B018 - builds the plugin manager
    backend, notice = choose_backend(context.pm, sandbox)  # JudgeError (exit 2): unknown or unavailable
    close_backend(backend)
    if notice:
        print(f"judge: note: {notice}", file=sys.stderr)
    return backend.name


def _check_listen(host: str, port: int) -> None:
    import socket

    from judge.errors import JudgeError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise JudgeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def cmd_worker(args) -> int:
    from judge.errors import JudgeError

    try:
        from judge.service.tasks import run_worker
    except ImportError as exc:
        raise JudgeError(f"judge worker needs the service extra: pip install 'propjudge[service]' ({exc})") from None
    _check_broker(args.broker)
    store = _open_store(args.db)
    store.close()
    dirs = _challenges_dirs(args)
    _check_sandbox(args.sandbox, dirs)
    return run_worker(broker=args.broker, db_url=args.db, slots=args.slots or (os.cpu_count() or 1),
                      sandbox=args.sandbox, challenges_dirs=dirs, lease_s=args.lease_seconds,
                      visibility_timeout=args.visibility_timeout, name=args.name)
