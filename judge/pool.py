"""Judging jobs in a pool of processes: what `judge check` runs its wrong/ submissions and mutants on.

A job is `judge_source(...)`: one submission, given as a path or as source text, judged to a
`Result.to_dict()`. Jobs cross to spawned worker processes by value, so a backend crosses by its
name and is looked up through the hook once per worker.
"""
from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from judge.challenge import Challenge


_BACKENDS: dict[str, object] = {}


def _backend(name: str):
    """A backend by name, through the hook, once per process (backend objects do not cross to pool workers)."""
    if name not in _BACKENDS:
        from judge.backends import choose_backend
        from judge.plugins import make_plugin_manager

        _BACKENDS[name] = choose_backend(make_plugin_manager(), name)[0]
    return _BACKENDS[name]


_PROFILE_BEFORE: list = []


def _no_shrinking(enabled: bool) -> None:
    """Judging's settings() inherit unset fields from hypothesis' current profile: drop the shrink phase.

    Only ever switched on in pool workers; switching it off restores whatever profile was loaded before.
    """
    from hypothesis import Phase, settings

    if enabled and not _PROFILE_BEFORE:
        settings.register_profile("judge-no-shrink", parent=settings.default,
                                  phases=[Phase.explicit, Phase.reuse, Phase.generate])
        _PROFILE_BEFORE.append(settings.default)
        settings.load_profile("judge-no-shrink")
    elif not enabled and _PROFILE_BEFORE:
        settings.register_profile("judge-before-no-shrink", parent=_PROFILE_BEFORE.pop())
        settings.load_profile("judge-before-no-shrink")


def judge_source(challenge: Challenge, source: str | None, submission: str | None, backend, seed: int,
                 max_examples: int | None, shrink: bool = True) -> dict:
    """Judge a submission given as text (written to a temp file) or a path, usually in a pool worker.

    `backend` is a backend object or, across processes, a backend name ("local", "docker").

    Returns `Result.to_dict()`; an exception becomes an IE result so that one bad job never
    takes the pool down.
    """
    from judge.result import Result, Verdict
    from judge.runner import judge_submission

    _no_shrinking(not shrink)
    started = time.monotonic()
    folder = None
    try:
        if source is not None:
            folder = tempfile.mkdtemp(prefix="judge-mutant-")
            submission = os.path.join(folder, "submission.py")
            Path(submission).write_text(source, encoding="utf-8")
        result = judge_submission(challenge, Path(submission), _backend(backend) if isinstance(backend, str) else backend, seed=seed,
                                  max_examples=max_examples).to_dict()
    except Exception as exc:  # noqa: BLE001
        result = Result(verdict=Verdict.IE, challenge=challenge.id, seed=seed,
                        message=f"{type(exc).__name__}: {exc}").to_dict()
    finally:
        if folder is not None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    result["elapsed"] = time.monotonic() - started
    return result


class InlinePool:
    """`jobs=1`: run each job at once in this process (no worker start-up cost)."""

    def submit(self, fn, *args):
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever reads the future
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        _no_shrinking(False)  # leave hypothesis' profile as it was


def make_pool(jobs: int | None = None):
    """Processes, not threads: judging redirects sys.stdout and loads hypothesis profiles process-wide."""
    jobs = jobs or min(2, os.cpu_count() or 1)
    if jobs <= 1:
        return InlinePool()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"))
