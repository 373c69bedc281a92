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
from judge.backends import choose_backend, close_backend, open_backend, remove_leftovers
from judge.catalog import Catalog, ChallengesDir
from judge.check_options import add_check_arguments
from judge.config import load_defaults
from judge.errors import JudgeError
from judge.interrupts import Terminated, on_signal
from judge.plugins import describe_plugins, make_plugin_manager, result_formats
from judge.requires import require_judge_side
from judge.scaffold import add_new_arguments, command_new
from judge.service.commands import add_service_commands, cmd_serve, cmd_worker
from judge.sandbox.session import PROFILES, BackendUnavailable

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
    challenge.add_argument("id", help="the challenge (see `judge list`)")
    challenge.add_argument("file", type=Path, nargs="+", help="a file; several files or a folder judge a batch")
    challenge.add_argument("--jobs", type=int, default=None, metavar="N",
                           help="a batch's submissions judged at once (default: the number of cores)")
    challenge.add_argument("--seed", type=int, default=DEFAULT_SEED,
                           help=f"the examples' seed (default {DEFAULT_SEED}: the same command gives the same result; "
                                "printed by every run, so any run replays)")
    challenge.add_argument("--sandbox", default="auto", help="auto (Docker when a daemon answers, else local), docker or local")
    challenge.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    challenge.add_argument("--junitxml", "--junit", dest="junit", type=Path, default=None, metavar="FILE",
                           help="also write JUnit XML to FILE (pytest's spelling; --junit is kept)")
    challenge.add_argument("--max-examples", type=int, default=None, metavar="N", help="examples per property")
    challenge.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where torch submissions run")
    challenge.add_argument("--format", default=None, help="a result format from a plugin (default text)")
    challenge.add_argument("--runtime", default=None, metavar="NAME",
                           help="Docker runtime for the sandbox container, e.g. runsc (gVisor) where installed")
    _add_common(challenge)

    bench = sub.add_parser("bench", help="time a submission against the challenge's baseline")
    bench_sub = bench.add_subparsers(dest="what", required=True)
    bench_challenge = bench_sub.add_parser("challenge", help="time FILE on challenge ID's benchmark shapes")
    bench_challenge.add_argument("id", help="the challenge (see `judge list`)")
    bench_challenge.add_argument("file", type=Path, help="the submission to time")
    bench_challenge.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    bench_challenge.add_argument("--sandbox", default="auto", help="auto, docker or local")
    bench_challenge.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the inputs' seed (default {DEFAULT_SEED})")
    bench_challenge.add_argument("--repeats", type=int, default=5, help="timed rounds per shape (median taken)")
    bench_challenge.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    _add_common(bench_challenge)

    listing = sub.add_parser("list", help="list the challenges")
    listing.add_argument("--json", action="store_true", help="one JSON document: every challenge's id, category, "
                                                             "title, runtime, interface and limits")
    _add_common(listing)
    show = sub.add_parser("show", help="show a challenge's spec, interface and limits")
    show.add_argument("id", help="the challenge (see `judge list`)")
    show.add_argument("--json", action="store_true", help="one JSON document: spec, interface, limits, runtime")
    _add_common(show)
    schema = sub.add_parser("schema", help="print the JSON Schema of challenge.yaml (for editors and CI)")
    completion = sub.add_parser("completion", help="print the shell completion script for bash, zsh or fish")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell to complete in")
    exercism = sub.add_parser("exercism", help="Exercism's test-runner interface: write OUTPUT_DIR/results.json")
    exercism.add_argument("slug", help="the exercise: a challenge id (dashes read as underscores)")
    exercism.add_argument("input_dir", type=Path, metavar="INPUT_DIR", help="the folder with the solution file")
    exercism.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR", help="where results.json is written")
    exercism.add_argument("--sandbox", default="auto", help="auto (Docker when a daemon answers, else local), docker or local")
    exercism.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the examples' seed (default {DEFAULT_SEED})")
    _add_common(exercism)
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
    build.add_argument("--profile", choices=PROFILES, default="python")
    build.add_argument("--base", default=None, help="base image (default python:3.11-slim, bootstrapped offline if it cannot be pulled)")
    build.add_argument("--wheelhouse", type=Path, default=None, help="folder of wheels for the torch profile")
    add_service_commands(sub, _add_common)
    _document(parser)
    return parser


EXIT_CODES = "exit codes: 0 accepted, 1 rejected (any verdict but AC), 2 usage or internal error"
# One example per command, shown at the end of its --help (a test checks every command has one).
EXAMPLES = {
    "run challenge": ("judge run challenge lru_cache sol.py --seed 7\n"
                      "  judge run challenge lru_cache submissions/ --jobs 4 --json > results.jsonl", EXIT_CODES),
    "bench challenge": ("judge bench challenge self_attention attn.py --device cuda --repeats 10", EXIT_CODES),
    "list": ("judge list --json", "exit codes: 0 listed (broken packs are named on stderr), 2 usage error"),
    "show": ("judge show lru_cache", "exit codes: 0 shown, 2 unknown challenge or usage error"),
    "schema": ("judge schema > challenge.schema.json", "exit codes: 0 printed"),
    "completion": ("judge completion bash > ~/.local/share/bash-completion/completions/judge\n"
                   "  judge completion fish | source   # or, in bash: eval \"$(judge completion bash)\"",
                   "exit codes: 0 printed, 2 usage error"),
    "exercism": ("judge exercism lru-cache /mnt/solution/ /mnt/output/",
                 "exit codes: 0 whenever OUTPUT_DIR/results.json was written (whatever the verdict, "
                 "as Exercism requires), 2 when it could not be"),
    "plugins": ("judge plugins", "exit codes: 0 listed"),
    "check": ("judge check lru_cache --seeds 1,2 --junitxml check.xml\n  judge check --pack example",
              "exit codes: 0 every check passed, 1 a check failed, 2 usage or internal error"),
    "new": ("judge new two_sum --category dsa --dest my_pack/", "exit codes: 0 created, 2 usage error"),
    "eval": ("judge eval examples/samples.jsonl --k 1,10 --jobs 2",
             "exit codes: 0 every sample judged (whatever the verdicts), 2 usage or internal error"),
    "sandbox build": ("judge sandbox build --profile torch", "exit codes: 0 built (or up to date), 2 error"),
}


def _leaf_parsers(parser: argparse.ArgumentParser, path: str = ""):
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
        return
    for name, child in subparsers[0].choices.items():
        yield from _leaf_parsers(child, f"{path} {name}".strip())


def _document(parser: argparse.ArgumentParser) -> None:
    """Every command's --help ends with an example and its exit codes."""
    for path, leaf in _leaf_parsers(parser):
        if path in EXAMPLES and not leaf.epilog:
            example, codes = EXAMPLES[path]
            leaf.epilog = f"example:\n  {example}\n\n{codes}"
            leaf.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = f"Run `judge COMMAND --help` for a command's options and an example.\n{EXIT_CODES}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def apply_project_defaults(parser: argparse.ArgumentParser, defaults: dict) -> None:
    """`[tool.judge]` values become the defaults of every command that has the option."""
    for _, leaf in _leaf_parsers(parser):
        dests = {action.dest for action in leaf._actions}
        leaf.set_defaults(**{dest: value for dest, value in defaults.items() if dest in dests})


def _plugin_manager(args: argparse.Namespace):
    return make_plugin_manager(tuple(ChallengesDir(d) for d in getattr(args, "challenges_dir", [])))


def cmd_run(args: argparse.Namespace) -> int:
    if args.max_examples is not None and args.max_examples < 1:
        raise JudgeError("--max-examples must be at least 1")
    pm = _plugin_manager(args)
    catalog = Catalog(pm)
    challenge = catalog.get(args.id)
    formats = result_formats(pm)
    fmt = "json" if args.json else (args.format or "text")
    if fmt not in formats:
        raise JudgeError(f"unknown --format {fmt!r} (available: {', '.join(sorted(formats))})")
    require_judge_side(challenge)
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

    require_judge_side(challenge)
    progress = progress_for(challenge.id, enabled=fmt == "text")
    try:
        with progress or contextlib.nullcontext():
            result = judge_submission(challenge, args.file, backend, seed=args.seed,
                                      max_examples=args.max_examples, device=args.device, progress=progress)
    finally:
        close_backend(backend)  # the Docker client, and a spare container if one was started
    print(formats[fmt]([result]))
    if args.junit is not None:
        from judge.junit import render_results

        args.junit.write_text(render_results([result]), encoding="utf-8")
    if result.verdict is Verdict.IE:
        return 2  # the judge's own fault, not a rejection
    return 0 if result.accepted else 1


def cmd_bench(args: argparse.Namespace) -> int:
    import json

    from judge.bench import bench_submission, render_text
    from judge.result import Verdict

    if args.repeats < 1:
        raise JudgeError("--repeats must be at least 1")
    pm = _plugin_manager(args)
    challenge = Catalog(pm).get(args.id)
    require_judge_side(challenge)
    if not args.file.exists():
        raise JudgeError(f"{args.file}: no such file")
    backend, notice = choose_backend(pm, args.sandbox)
    if notice:
        print(f"judge: note: {notice}", file=sys.stderr)
    try:
        report = bench_submission(challenge, args.file, backend, seed=args.seed, device=args.device,
                                  repeats=args.repeats)
    finally:
        close_backend(backend)  # the Docker client and anything it still holds, as `run` does
    print(json.dumps(report.to_dict(), indent=2) if args.json else render_text(report))
    if report.verdict is Verdict.IE:
        return 2
    return 0 if report.verdict is Verdict.AC else 1


def cmd_eval(args: argparse.Namespace) -> int:
    from judge.evaluate import command_eval

    return command_eval(args, _plugin_manager(args))


def describe(challenge, spec: bool) -> dict:
    """A challenge as `list --json` / `show --json` print it (the HTTP API serves the same)."""
    limits = challenge.limits
    data = {"id": challenge.id, "title": challenge.title, "category": challenge.category,
            "runtime": challenge.runtime, "source_question": challenge.source_question,
            "interface": list(challenge.interface),
            "limits": {"cpu_seconds": limits.cpu_seconds, "wall_seconds": limits.wall_seconds,
                       "memory_mib": limits.memory_mib, "output_kib": limits.output_kib},
            "constraints": {"forbidden_imports": list(challenge.forbidden_imports),
                            "forbidden_names": list(challenge.forbidden_names)}}
    if spec:
        data["spec"] = challenge.spec
    return data


def cmd_list(args: argparse.Namespace) -> int:
    catalog = Catalog(_plugin_manager(args))
    challenges, broken = catalog.load_all()
    if args.json:
        import json

        print(json.dumps({"challenges": [describe(c, spec=False) for c in challenges],
                          "broken": dict(sorted(broken.items()))}, indent=2, ensure_ascii=False))
        return 0
    rows = [("ID", "CATEGORY", "TITLE", "RUNTIME")] + [(c.id, c.category, c.title, c.runtime) for c in challenges]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    for name, why in sorted(broken.items()):
        print(f"judge: broken challenge source {name}: {why}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    challenge = Catalog(_plugin_manager(args)).get(args.id)
    if args.json:
        import json

        print(json.dumps(describe(challenge, spec=True), indent=2, ensure_ascii=False))
        return 0
    limits = challenge.limits
    print(f"{challenge.title}  [{challenge.id}, {challenge.category}, runtime {challenge.runtime}]")
    print(f"from: {challenge.source_question}")
    print(f"interface: the submission must define {', '.join(challenge.interface)}")
    print(f"limits: {limits.cpu_seconds:g} s CPU, {limits.wall_seconds:g} s wall, {limits.memory_mib} MiB memory, "
          f"{limits.output_kib} KiB output")
    if challenge.forbidden_imports or challenge.forbidden_names:
        banned = ", ".join(challenge.forbidden_imports + challenge.forbidden_names)
        print(f"not allowed: {banned}")
    print()
    print(challenge.spec.rstrip("\n"))  # markdown as written: readable as it is, and pipes cleanly
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from judge.challenge import SCHEMA_PATH

    print(SCHEMA_PATH.read_text(encoding="utf-8").rstrip("\n"))
    return 0


def cmd_completion(args: argparse.Namespace) -> int:
    from judge.completion import shell_code

    print(shell_code(args.shell))
    return 0


def cmd_exercism(args: argparse.Namespace) -> int:
    """Exercism's runner interface: results.json is the answer, so every failure to judge is
    written there too (status error), and the exit status is 0 whenever it was written."""
    from judge.exercism import error_document, solution_file, to_exercism, write_results

    try:
        pm = _plugin_manager(args)
        challenge = Catalog(pm).get(args.slug.replace("-", "_"))
        require_judge_side(challenge)
        if not args.input_dir.is_dir():
            raise JudgeError(f"INPUT_DIR {args.input_dir}: no such folder")
        submission = solution_file(args.slug, args.input_dir)
        backend, _ = open_backend(pm, args.sandbox, None)
        from judge.runner import judge_submission

        try:
            result = judge_submission(challenge, submission, backend, seed=args.seed)
        finally:
            close_backend(backend)
        document = to_exercism(result)
    except (JudgeError, BackendUnavailable) as exc:
        document = error_document(str(exc))
    try:
        write_results(args.output_dir, document)
    except OSError as exc:
        raise JudgeError(f"cannot write {args.output_dir}/results.json: {exc.strerror}") from None
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    pm = _plugin_manager(args)
    for row in describe_plugins(pm):
        print(f"{row['name']}: {', '.join(row['hooks']) or '(no hooks)'}")
    for name, why in sorted(getattr(pm, "broken", {}).items()):
        print(f"{name}: BROKEN ({why})")
    return 0


def cmd_sandbox_build(args: argparse.Namespace) -> int:
    """Images are the docker backend's; it is looked up through the hook like every backend."""
    backend, _ = choose_backend(_plugin_manager(args), "docker")
    if args.base:
        backend.base = args.base
    if args.wheelhouse:
        backend.wheelhouse = args.wheelhouse
    print(backend.image(args.profile))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from judge.check import command_check

    return command_check(args, _plugin_manager(args))


def cmd_new(args: argparse.Namespace) -> int:
    return command_new(args)


COMMANDS = {"schema": cmd_schema, "completion": cmd_completion, "exercism": cmd_exercism, "bench": cmd_bench, "check": cmd_check, "eval": cmd_eval, "new": cmd_new, "run": cmd_run, "list": cmd_list, "show": cmd_show, "plugins": cmd_plugins, "sandbox": cmd_sandbox_build}
COMMANDS.update({"serve": cmd_serve, "worker": cmd_worker})


def main(argv: list[str] | None = None) -> int:
    """The `judge` command. Called with no `argv` (the console script, `python -m judge`), the
    process exits right after it returns; see `_exit_without_collecting`."""
    try:
        return _main(argv)
    finally:
        if argv is None:
            _exit_without_collecting()


def _exit_without_collecting() -> None:
    """Leave the run's cyclic garbage to the operating system. A judgment leaves about 90,000
    objects in reference cycles (mostly hypothesis' engine state), and the interpreter's shutdown
    collected them: 0.3 to 0.6 s after the verdict was printed, a third of a whole `judge run`.
    Freezing moves every object out of the collector's reach; the rest of the exit is unchanged
    (atexit handlers, flushing stdout and stderr, waiting for non-daemon threads). Files the judge
    writes are closed where they are written, never left to the collector."""
    gc.freeze()


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions: answer and exit
        from judge.completion import complete

        complete(parser)
    if not (sys.argv[1:] if argv is None else argv):  # a bare `judge`: what it can do, not an error
        parser.print_help()
        return 0
    try:
        apply_project_defaults(parser, load_defaults())
    except JudgeError as exc:
        print(f"judge: error: {exc}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)  # also when started with SIGINT ignored
    try:
        return COMMANDS[args.command](args)
    except (JudgeError, BackendUnavailable) as exc:
        print(f"judge: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`judge ... | head`): nothing left to say
        return 1
    except KeyboardInterrupt:
        remove_leftovers()  # each backend used removes what of its sandboxes is left
        print("judge: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        remove_leftovers()
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
