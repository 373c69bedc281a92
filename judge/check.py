"""`judge check`: the author's CI for a challenge folder.

Checks, in order (names as they appear in the text, JSON and JUnit renderings):

    yaml                challenge.yaml loads and validates (judge.challenge.load_challenge), and
                        every wrong/*.py declares its verdict
    spec_interface      spec.md names every interface symbol
    reference_accepted  reference.py, judged as a submission, is AC under every seed
    wrong_verdicts      every wrong/*.py gets exactly the verdict its `# expect:` line declares
    no_flakiness        every wrong/*.py gets the same verdict under every seed
    limits              the reference uses at most a third of the CPU and wall limits, and
                        spec.md states the CPU seconds and memory MiB limits
    mutation_score      mutants of the reference (judge.mutation) are killed by the properties:
                        score >= min_mutation_score (default 90%, genai 85%)

A check whose inputs are missing (e.g. everything after `yaml` when challenge.yaml is invalid)
is reported as skipped. The report fails when any check fails; judge.check_report renders it.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable, Iterable

from judge.challenge import Challenge, ChallengeError, load_challenge
from judge.check_report import CheckReport, CheckResult, render_json, render_junit, render_text
from judge.check_options import (MAX_MUTANTS, MIN_MUTATION_SCORE, MIN_MUTATION_SCORE_BY_CATEGORY, MUTANT_EXAMPLES,
                                 MUTANT_SANDBOX, add_check_arguments)  # noqa: F401 - add_check_arguments re-exported
from judge.mutation import MutationReport, run_mutation
from judge.pool import judge_source, make_pool
from judge.sandbox.verdict import Verdict

CHECKS = ("yaml", "spec_interface", "reference_accepted", "wrong_verdicts", "no_flakiness", "limits",
          "mutation_score")
LIMIT_SHARE = 1 / 3


# -- the checks

def _spec_interface(challenge: Challenge) -> CheckResult:
    spec = challenge.spec
    missing = [name for name in challenge.interface if not re.search(rf"(?<![\w.]){re.escape(name)}\b", spec)]
    if missing:
        return CheckResult("spec_interface", False, f"spec.md never names {', '.join(missing)} "
                           f"(the interface in challenge.yaml is {', '.join(challenge.interface)})")
    return CheckResult("spec_interface", True, f"spec.md names {', '.join(challenge.interface)}")


def _number_stated(text: str, value: float) -> bool:
    number = f"{value:g}"
    forms = {number, f"{value:,.0f}"} if float(value).is_integer() else {number}
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text) for form in forms)


def _limits(challenge: Challenge, reference: list[dict]) -> CheckResult:
    limits = challenge.limits
    problems, notes = [], []
    if reference:
        cpu = max(r["cpu_seconds"] for r in reference)
        wall = max(r["wall_seconds"] for r in reference)
        for what, used, limit in (("CPU", cpu, limits.cpu_seconds), ("wall", wall, limits.wall_seconds)):
            if used > limit * LIMIT_SHARE:
                problems.append(f"the reference used {used:.2f} s {what} of the {limit:g} s limit, more than a "
                                f"third (raise limits.{what.lower() if what == 'wall' else 'cpu'}_seconds to at "
                                f"least {used / LIMIT_SHARE:.3g} or make the properties cheaper)")
            else:
                notes.append(f"reference {used:.2f} s {what} of {limit:g} s")
    spec = challenge.spec
    if not _number_stated(spec, limits.cpu_seconds):
        problems.append(f"spec.md does not state the CPU limit ({limits.cpu_seconds:g} s)")
    if not _number_stated(spec, limits.memory_mib):
        problems.append(f"spec.md does not state the memory limit ({limits.memory_mib} MiB)")
    if problems:
        return CheckResult("limits", False, "; ".join(problems))
    return CheckResult("limits", True, "; ".join(notes + ["spec.md states the CPU and memory limits"]))


def _reference_accepted(challenge: Challenge, backend, seeds: tuple[int, ...], max_examples: int | None,
                        say: Callable[[str], None]) -> tuple[CheckResult, list[dict]]:
    """reference_accepted: the reference, one seed at a time and alone (its usage is what `limits`
    measures), is AC under every seed. Returns the check and the runs."""
    t0 = time.monotonic()
    reference = []
    for seed in seeds:
        result = judge_source(challenge, None, str(challenge.reference_path), backend, seed, max_examples)
        reference.append(result)
        say(f"{challenge.id}: reference, seed {seed}: {result['verdict']} "
            f"({result['cpu_seconds']:.2f} s CPU, {result['wall_seconds']:.2f} s wall)")
    bad = [r for r in reference if r["verdict"] != Verdict.AC]
    if bad:
        details = "; ".join(f"seed {r['seed']}: {r['verdict']}: {r['message']}"
                            + (f" (property {r['property']}: {r['counterexample']})" if r.get("counterexample") else "")
                            for r in bad)
        return CheckResult("reference_accepted", False, f"reference.py is rejected: {details}",
                           seconds=time.monotonic() - t0), reference
    return CheckResult("reference_accepted", True, f"AC under seeds {', '.join(map(str, seeds))}",
                       seconds=time.monotonic() - t0), reference


def _judge_wrong(challenge: Challenge, backend_name: str, seeds: tuple[int, ...], max_examples: int | None, pool,
                 say: Callable[[str], None]) -> dict[Path, list[dict]]:
    """Every wrong/ submission under every seed, in parallel on `pool`: its results in seed order."""
    futures = {(w.path, seed): pool.submit(judge_source, challenge, None, str(w.path), backend_name, seed, max_examples)
               for w in challenge.wrong for seed in seeds}
    verdicts: dict[Path, list[dict]] = {}
    for (path, seed), future in futures.items():
        result = future.result()
        verdicts.setdefault(path, []).append(result)
        say(f"{challenge.id}: wrong/{path.name}, seed {seed}: {result['verdict']}")
    return verdicts


def _wrong_verdicts(challenge: Challenge, verdicts: dict[Path, list[dict]], seconds: float) -> CheckResult:
    """wrong_verdicts: each wrong/ submission gets the verdict its `# expect:` line declares (first seed)."""
    problems, lines = [], []
    for w in challenge.wrong:
        first = verdicts[w.path][0]
        if first["verdict"] != w.expected:
            why = f": {first['message']}" if first["message"] else ""
            problems.append(f"wrong/{w.path.name}: expected {w.expected}, got {first['verdict']}"
                            f" (seed {first['seed']}){why}")
        else:
            lines.append(f"wrong/{w.path.name}: {w.expected}")
    if problems:
        return CheckResult("wrong_verdicts", False, "; ".join(problems), seconds=seconds)
    return CheckResult("wrong_verdicts", True, "; ".join(lines), seconds=seconds)


def _no_flakiness(challenge: Challenge, verdicts: dict[Path, list[dict]], seeds: tuple[int, ...]) -> CheckResult:
    """no_flakiness: each wrong/ submission gets the same verdict under every seed."""
    flaky = []
    for w in challenge.wrong:
        results = verdicts[w.path]
        if len({r["verdict"] for r in results}) > 1:
            flaky.append(f"wrong/{w.path.name}: " + ", ".join(f"seed {r['seed']} {r['verdict']}" for r in results))
    if flaky:
        return CheckResult("no_flakiness", False, "verdicts differ between seeds: " + "; ".join(flaky))
    return CheckResult("no_flakiness", True, f"{len(challenge.wrong)} wrong submissions, "
                       f"the same verdict under seeds {', '.join(map(str, seeds))}")


def _mutation_score(challenge: Challenge, mutants: MutationReport, min_mutation_score: float | None,
                    seconds: float) -> CheckResult:
    """mutation_score: the properties kill enough mutants (the category's threshold unless given)."""
    needed = min_mutation_score if min_mutation_score is not None else \
        MIN_MUTATION_SCORE_BY_CATEGORY.get(challenge.category, MIN_MUTATION_SCORE)
    ok = mutants.score >= needed and not mutants.problems
    details = [f"{mutants.summary()}; needs {needed:.0%}"]
    details += mutants.problems
    for survivor in mutants.survivors:
        details.append(f"survivor {survivor.id} ({survivor.description}"
                       + (f", {survivor.verdict}: {survivor.message}" if survivor.status == "error" else "")
                       + f"):\n{survivor.diff.rstrip()}")
    return CheckResult("mutation_score", ok, "\n".join(details), seconds=seconds)


def check_challenge(challenge: Challenge, backend, *, seeds: Iterable[int] = (1, 2, 3), mutation: bool = True,
                    max_examples: int | None = None, min_mutation_score: float | None = None,
                    max_mutants: int = MAX_MUTANTS, mutation_examples: int = MUTANT_EXAMPLES,
                    jobs: int | None = None, log: Callable[[str], None] | None = None,
                    mutation_sandbox: str = MUTANT_SANDBOX) -> CheckReport:
    """Run every check on a loaded challenge, in the order of CHECKS. `backend` judges the reference
    and wrong/; the mutants run on the backend named `mutation_sandbox` (judge.mutation.MUTANT_SANDBOX
    says why local)."""
    seeds = tuple(seeds) or (1,)
    started = time.monotonic()
    report = CheckReport(challenge.id, str(challenge.path))
    say = log or (lambda message: None)
    report.checks.append(CheckResult("yaml", True, f"{challenge.path / 'challenge.yaml'} is valid"))
    report.checks.append(_spec_interface(challenge))
    accepted, reference = _reference_accepted(challenge, backend, seeds, max_examples, say)
    report.checks.append(accepted)

    pool = None
    try:
        if challenge.wrong:
            t0 = time.monotonic()
            pool = make_pool(jobs)
            verdicts = _judge_wrong(challenge, getattr(backend, "name", "local"), seeds, max_examples, pool, say)
            report.checks.append(_wrong_verdicts(challenge, verdicts, time.monotonic() - t0))
            report.checks.append(_no_flakiness(challenge, verdicts, seeds))
        else:
            report.checks.append(CheckResult("wrong_verdicts", False, "wrong/ holds no submissions: add a few "
                                             "plausible wrong solutions, each with a '# expect: VERDICT' line"))
            report.checks.append(CheckResult("no_flakiness", True, "", skipped=True))

        report.checks.append(_limits(challenge, reference if accepted.passed else []))

        if not mutation:
            report.checks.append(CheckResult("mutation_score", True, "not run (mutation testing switched off)", skipped=True))
        elif not accepted.passed:
            report.checks.append(CheckResult("mutation_score", False, "not run: the reference is rejected",
                                             skipped=True))
        else:
            t0 = time.monotonic()
            pool = pool or make_pool(jobs)
            report.mutation = run_mutation(
                challenge, seed=seeds[0], max_examples=min(max_examples or mutation_examples, mutation_examples),
                max_mutants=max_mutants, reference_cpu=max(r["cpu_seconds"] for r in reference),
                reference_wall=max(r["wall_seconds"] for r in reference), pool=pool,
                log=(lambda m: say(f"{challenge.id}:{m}")) if log else None, sandbox=mutation_sandbox)
            report.checks.append(_mutation_score(challenge, report.mutation, min_mutation_score,
                                                 time.monotonic() - t0))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    report.seconds = time.monotonic() - started
    return report


def check_folder(folder: Path, backend, **options) -> CheckReport:
    """`check_challenge` on a folder; an invalid challenge.yaml is a failed `yaml` check, the rest skipped."""
    folder = Path(folder)
    try:
        challenge = load_challenge(folder)
        challenge.wrong  # read (and each `# expect:` line checked) up front, as part of this check
    except ChallengeError as exc:
        report = CheckReport(folder.name, str(folder))
        report.checks.append(CheckResult("yaml", False, str(exc)))
        report.checks += [CheckResult(name, False, "not run: challenge.yaml is invalid", skipped=True)
                          for name in CHECKS[1:]]
        return report
    return check_challenge(challenge, backend, **options)


# -- the `judge check` command (judge/cli.py adds the subparser from judge.check_options, and calls these)

def _targets(args, pm) -> list[Path]:
    from judge.catalog import Catalog, challenge_folders
    from judge.errors import JudgeError

    catalog = Catalog(pm)
    if getattr(args, "pack", None):
        if args.ids or getattr(args, "all", False):
            raise JudgeError("--pack names the challenges to check: give no ids and no --all with it")
        return catalog.pack_folders(pm, args.pack)
    if getattr(args, "all", False):
        return [catalog.folders[cid] for cid in catalog.ids()]
    if not args.ids:
        dirs = getattr(args, "challenges_dir", [])
        if dirs:
            return [folder for d in dirs for folder in challenge_folders(d)]
        return [catalog.folders[cid] for cid in catalog.ids()]
    folders = []
    for wanted in args.ids:
        path = Path(wanted)
        if (path / "challenge.yaml").is_file():
            folders.append(path)
        elif wanted in catalog.folders:
            folders.append(catalog.folders[wanted])
        else:
            catalog.get(wanted)  # raises the usual "unknown challenge" error with a suggestion
            raise JudgeError(f"unknown challenge {wanted!r}")
    return folders


def command_check(args, pm) -> int:
    """`judge check`: exit 0 when every check of every challenge passes, 1 when one fails."""
    import sys

    from judge.backends import choose_backend
    from judge.errors import JudgeError

    try:
        seeds = tuple(int(s) for s in args.seeds.split(",") if s.strip())
    except ValueError:
        raise JudgeError(f"--seeds {args.seeds!r}: expected comma-separated integers like 1,2,3") from None
    if not seeds:
        raise JudgeError("--seeds: give at least one seed")
    if args.max_examples is not None and args.max_examples < 1:
        raise JudgeError("--max-examples must be at least 1")
    if args.min_mutation_score is not None and not 0 <= args.min_mutation_score <= 1:
        raise JudgeError("--min-mutation-score must be between 0 and 1")
    folders = _targets(args, pm)
    if not folders:
        raise JudgeError("no challenges to check")
    backend, notice = choose_backend(pm, args.sandbox)
    if not args.no_mutation:
        choose_backend(pm, args.mutant_sandbox)  # unknown or unavailable: one line now, not an error per mutant
    log = None if args.quiet or args.json else (lambda message: print(message, file=sys.stderr, flush=True))
    if notice and log:
        log(f"judge: note: {notice}")
    reports = [check_folder(folder, backend, seeds=seeds, mutation=not args.no_mutation,
                            max_examples=args.max_examples, min_mutation_score=args.min_mutation_score,
                            max_mutants=args.max_mutants, jobs=args.jobs, log=log,
                            mutation_sandbox=args.mutant_sandbox)
               for folder in folders]
    if args.junit is not None:
        args.junit.write_text(render_junit(reports), encoding="utf-8")
    print(render_json(reports) if args.json else render_text(reports, verbose=args.verbose))
    return 0 if all(r.passed for r in reports) else 1
