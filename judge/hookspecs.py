"""Every hook a `judge` plugin can implement. Built-in plugins use exactly these too.

A plugin is any module or object with functions decorated by `judge.hookimpl`. Built-ins are
listed in `judge.plugins.DEFAULT_PLUGINS`; third-party packages register through the entry-point
groups `judge.challenges` (challenge packs) and `judge.plugins` (anything else).
Set `JUDGE_TRACE_HOOKS=1` to print every hook call to stderr.

When two plugins provide the same name (a challenge id, a backend, a result format), the first one
pluggy calls wins, and pluggy calls the plugin registered last first: a `--challenges-dir` folder
over entry points over the built-ins. So a plugin can replace a built-in of the same name.
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("judge")


@hookspec
def judge_challenge_dirs():
    """Return folders that hold challenges.

    Each folder is either one challenge (it contains `challenge.yaml`) or a folder of challenge
    folders. Called once per judge invocation; a challenge pack's entry point usually returns
    `[Path(__file__).parent]`.
    """


@hookspec
def judge_sandbox_backends():
    """Return sandbox backend objects, each satisfying `judge.backends.SandboxBackend`.

    That Protocol lists every member the judge uses. Required: `name` (str, what `--sandbox NAME`
    selects), `notice` (a one-line caveat shown when `auto` falls back to it, or ""),
    `available() -> bool` (cheap: can it run here now?) and
    `open(job: judge.sandbox.session.Job) -> judge.sandbox.session.StreamSession`. Optional, with
    the defaults the Protocol names: `auto_rank` (`--sandbox auto` tries the available backends by
    rank, lowest first: docker 10, local 100), `job_path`, `why_unavailable`, `keep_spare`,
    `runtime`, `close()` and `remove_leftovers()` (after Ctrl-C or SIGTERM, and for a batch's
    ended workers).
    """


@hookspec
def judge_result_formats():
    """Return a dict mapping a format name to `render(results: list[Result]) -> str`.

    For `judge run` only (`--format NAME`, one file or a batch): `judge check` and `judge bench`
    report other things (checks, timings) and have text, JSON and JUnit renderings of their own.
    The built-ins are `text` (the terminal) and `json` (`--json`: one `Result.to_dict()` document
    per result, the same shape for one result or many); a reporter plugin adds more.
    """
