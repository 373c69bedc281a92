"""The `judge` command. Exit codes: 0 accepted, 1 rejected (or a check failed), 2 usage or internal error."""
from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from judge import __version__
from judge.backends import choose_backend, close_backend, open_backend
from judge.catalog import Catalog, ChallengesDir
from judge.check import add_check_arguments
from judge.errors import JudgeError
from judge.plugins import describe_plugins, make_plugin_manager
from judge.scaffold import add_new_arguments, command_new
from judge.sandbox.session import BackendUnavailable

# Only what every command needs is imported here: `judge --version`, `list` and `show` must start
# about as fast as Python itself. Judging (hypothesis, the runner) and checking (the mutation
# engine) are imported by the commands that use them.

# Deterministic by default: a run without --seed judges the same examples every time, so a verdict
# never changes between two identical commands; --seed N explores (and replays) other streams.
DEFAULT_SEED = 1


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--challenges-dir", action="append", default=[], type=Path, metavar="DIR",
                        help="also load challenges from DIR (a challenge folder or a folder of them)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="judge", description="Judge code against property-tested challenges.")
    parser.add_argument("--version", action="version", version=f"judge {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="judge a submission")
    run_sub = run.add_subparsers(dest="what", required=True)
    challenge = run_sub.add_parser("challenge", help="judge FILE (or several, or every *.py in a folder) against challenge ID")
    challenge.add_argument("id")
    challenge.add_argument("file", type=Path, nargs="+", help="a file; several files or a folder judge a batch")
    challenge.add_argument("--jobs", type=int, default=None, metavar="N",
                           help="a batch's submissions judged at once (default: the number of cores)")
    challenge.add_argument("--seed", type=int, default=DEFAULT_SEED,
                           help=f"the examples' seed (default {DEFAULT_SEED}: the same command gives the same result; "
                                "printed by every run, so any run replays)")
    challenge.add_argument("--sandbox", default="auto", help="auto (Docker when a daemon answers, else local), docker or local")
    challenge.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    challenge.add_argument("--max-examples", type=int, default=None, metavar="N", help="examples per property")
    challenge.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where torch submissions run")
    challenge.add_argument("--format", default=None, help="a result format from a plugin (default text)")
    challenge.add_argument("--runtime", default=None, metavar="NAME",
                           help="Docker runtime for the sandbox container, e.g. runsc (gVisor) where installed")
    _add_common(challenge)

    bench = sub.add_parser("bench", help="time a submission against the challenge's baseline")
    bench_sub = bench.add_subparsers(dest="what", required=True)
    bench_challenge = bench_sub.add_parser("challenge", help="time FILE on challenge ID's benchmark shapes")
    bench_challenge.add_argument("id")
    bench_challenge.add_argument("file", type=Path)
    bench_challenge.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    bench_challenge.add_argument("--sandbox", default="auto", help="auto, docker or local")
    bench_challenge.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the inputs' seed (default {DEFAULT_SEED})")
    bench_challenge.add_argument("--repeats", type=int, default=5, help="timed rounds per shape (median taken)")
    bench_challenge.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    _add_common(bench_challenge)

    listing = sub.add_parser("list", help="list the challenges")
    _add_common(listing)
    show = sub.add_parser("show", help="show a challenge's spec, interface and limits")
    show.add_argument("id")
    _add_common(show)
    plugins = sub.add_parser("plugins", help="list loaded plugins and the hooks each implements")
    _add_common(plugins)

    check = sub.add_parser("check", help="check challenge folders: reference, wrong/, flakiness, limits, mutants")
    add_check_arguments(check)
    _add_common(check)
    new = sub.add_parser("new", help="create a challenge folder from a working example, to be filled in")
    add_new_arguments(new)

    evaluate = sub.add_parser("eval", help="judge a code model's samples (JSON Lines) and report pass@k")
    evaluate.add_argument("samples", type=Path, metavar="SAMPLES.jsonl",
                          help="one JSON object a line: challenge, sample_id, and completion (source) or file")
    evaluate.add_argument("-o", "--output", type=Path, default=None, metavar="RESULTS.jsonl",
                          help="one result line per sample, resumable (default: SAMPLES with .results.jsonl)")
    evaluate.add_argument("--k", default="1,10", help="the k of pass@k, comma-separated (default 1,10)")
    evaluate.add_argument("--jobs", type=int, default=None, metavar="N", help="samples judged at once (default: the number of cores)")
    evaluate.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the examples' seed (default {DEFAULT_SEED})")
    evaluate.add_argument("--sandbox", default="auto", help="auto (Docker when a daemon answers, else local), docker or local")
    evaluate.add_argument("--max-examples", type=int, default=None, metavar="N", help="examples per property")
    evaluate.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where torch submissions run")
    evaluate.add_argument("--json", action="store_true", help="print the pass@k summary as one JSON document")
    _add_common(evaluate)

    sandbox = sub.add_parser("sandbox", help="manage sandbox images")
    sandbox_sub = sandbox.add_subparsers(dest="action", required=True)
    build = sandbox_sub.add_parser("build", help="build the Docker image of a runtime profile")
    build.add_argument("--profile", choices=("python", "torch", "torch-gpu"), default="python")
    build.add_argument("--base", default=None, help="base image (default python:3.11-slim, bootstrapped offline if it cannot be pulled)")
    build.add_argument("--wheelhouse", type=Path, default=None, help="folder of wheels for the torch profile")
    return parser


def _plugin_manager(args: argparse.Namespace):
    return make_plugin_manager(tuple(ChallengesDir(d) for d in getattr(args, "challenges_dir", [])))


def cmd_run(args: argparse.Namespace) -> int:
    if args.max_examples is not None and args.max_examples < 1:
        raise JudgeError("--max-examples must be at least 1")
    pm = _plugin_manager(args)
    catalog = Catalog(pm)
    challenge = catalog.get(args.id)
    formats = {}
    for provided in pm.hook.judge_result_formats():
        formats.update(provided)
    fmt = "json" if args.json else (args.format or "text")
    if fmt not in formats:
        raise JudgeError(f"unknown --format {fmt!r} (available: {', '.join(sorted(formats))})")
    if len(args.file) > 1 or args.file[0].is_dir():  # a batch
        from judge.batch import command_run_many

        return command_run_many(args, pm, challenge, fmt, formats[fmt])
    args.file = args.file[0]
    if not args.file.exists():
        raise JudgeError(f"{args.file}: no such file")
    backend, notice = open_backend(pm, args.sandbox, args.runtime)
    if notice:
        print(f"judge: note: {notice}", file=sys.stderr)
    from judge.progress import progress_for
    from judge.result import Verdict
    from judge.runner import judge_submission

    progress = progress_for(challenge.id, enabled=fmt == "text")
    try:
        with progress or contextlib.nullcontext():
            result = judge_submission(challenge, args.file, backend, seed=args.seed,
                                      max_examples=args.max_examples, device=args.device, progress=progress)
    finally:
        close_backend(backend)  # the Docker client, and a spare container if one was started
    print(formats[fmt]([result]))
    if result.verdict is Verdict.IE:
        return 2  # the judge's own fault, not a rejection
    return 0 if result.accepted else 1


def cmd_bench(args: argparse.Namespace) -> int:
    import json

    from judge.bench import bench_submission, render_text

    if args.repeats < 1:
        raise JudgeError("--repeats must be at least 1")
    pm = _plugin_manager(args)
    challenge = Catalog(pm).get(args.id)
    if not args.file.exists():
        raise JudgeError(f"{args.file}: no such file")
    backend, notice = choose_backend(pm, args.sandbox)
    if notice:
        print(f"judge: note: {notice}", file=sys.stderr)
    report = bench_submission(challenge, args.file, backend, seed=args.seed, device=args.device, repeats=args.repeats)
    print(json.dumps(report.to_dict(), indent=2) if args.json else render_text(report))
    if report.verdict == "IE":
        return 2
    return 0 if report.verdict == "AC" else 1


def cmd_eval(args: argparse.Namespace) -> int:
    from judge.evaluate import command_eval

    return command_eval(args, _plugin_manager(args))


def cmd_list(args: argparse.Namespace) -> int:
    catalog = Catalog(_plugin_manager(args))
    challenges, broken = catalog.load_all()
    rows = [("ID", "CATEGORY", "TITLE", "RUNTIME")] + [(c.id, c.category, c.title, c.runtime) for c in challenges]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    for name, why in sorted(broken.items()):
        print(f"judge: broken challenge source {name}: {why}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    challenge = Catalog(_plugin_manager(args)).get(args.id)
    limits = challenge.limits
    print(f"{challenge.title}  [{challenge.id}, {challenge.category}, runtime {challenge.runtime}]")
    print(f"from: {challenge.seed_question}")
    print(f"interface: the submission must define {', '.join(challenge.interface)}")
    print(f"limits: {limits.cpu_seconds:g} s CPU, {limits.wall_seconds:g} s wall, {limits.memory_mib} MiB memory, "
          f"{limits.output_kib} KiB output")
    if challenge.forbidden_imports or challenge.forbidden_names:
        banned = ", ".join(challenge.forbidden_imports + challenge.forbidden_names)
        print(f"not allowed: {banned}")
    print()
    print(render_markdown(challenge.spec))
    return 0


def render_markdown(text: str) -> str:
    """Markdown for a terminal: rich when installed and stdout is a terminal, else the text as written."""
    if sys.stdout.isatty():
        try:
            from rich.console import Console
            from rich.markdown import Markdown
        except ImportError:
            return text
        console = Console()
        with console.capture() as capture:
            console.print(Markdown(text))
        return capture.get()
    return text


def cmd_plugins(args: argparse.Namespace) -> int:
    pm = _plugin_manager(args)
    for row in describe_plugins(pm):
        print(f"{row['name']}: {', '.join(row['hooks']) or '(no hooks)'}")
    for name, why in sorted(getattr(pm, "broken", {}).items()):
        print(f"{name}: BROKEN ({why})")
    return 0


def cmd_sandbox_build(args: argparse.Namespace) -> int:
    from judge.sandbox.docker_backend import DockerBackend

    print(DockerBackend(base=args.base, wheelhouse=args.wheelhouse).image(args.profile))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from judge.check import command_check

    return command_check(args, _plugin_manager(args))


def cmd_new(args: argparse.Namespace) -> int:
    return command_new(args)


COMMANDS = {"bench": cmd_bench, "check": cmd_check, "eval": cmd_eval, "new": cmd_new, "run": cmd_run, "list": cmd_list, "show": cmd_show, "plugins": cmd_plugins, "sandbox": cmd_sandbox_build}


def _remove_own_containers() -> None:
    from judge.sandbox.docker_backend import remove_own_containers

    remove_own_containers()


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so every `finally` (container removal included) runs.

    A BaseException, like KeyboardInterrupt, so that hypothesis does not take it for a failing example.
    """


def _in_gc_callback(frame) -> bool:
    codes = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def _on_signal(signum, frame):
    """Ctrl-C is KeyboardInterrupt, SIGTERM is Terminated. The collector swallows what a gc callback
    raises (hypothesis installs one), so a signal landing there is delivered again a moment later."""
    if _in_gc_callback(frame):
        timer = threading.Timer(0.05, os.kill, (os.getpid(), signum))
        timer.daemon = True
        timer.start()
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):  # a bare `judge`: what it can do, not an error
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)  # also when started with SIGINT ignored
    try:
        return COMMANDS[args.command](args)
    except (JudgeError, BackendUnavailable) as exc:
        print(f"judge: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`judge ... | head`): nothing left to say
        return 1
    except KeyboardInterrupt:
        _remove_own_containers()
        print("judge: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        _remove_own_containers()
        print("judge: terminated", file=sys.stderr)
        return 143
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback, unless asked for
        if os.environ.get("JUDGE_DEBUG"):
            traceback.print_exc()
        print(f"judge: internal error: {type(exc).__name__}: {exc} (set JUDGE_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
