"""Every hook a `judge` plugin can implement. Built-in plugins use exactly these too.

A plugin is any module or object with functions decorated by `judge.hookimpl`. Built-ins are
listed in `judge.plugins.DEFAULT_PLUGINS`; third-party packages register through the entry-point
groups `judge.challenges` (challenge packs) and `judge.plugins` (anything else).
Set `JUDGE_TRACE_HOOKS=1` to print every hook call to stderr.
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
    """Return sandbox backend objects.

    A backend has `name` (str, what `--sandbox NAME` selects), `notice` (a one-line caveat shown
    when it is chosen automatically, or ""), `available() -> bool` (cheap: can it run here now?)
    and `open(job: judge.sandbox.session.Job) -> judge.sandbox.session.StreamSession`.
    `--sandbox auto` takes the first available backend in the order of `AUTO_ORDER`.
    """


@hookspec
def judge_result_formats():
    """Return a dict mapping a format name to `render(results: list[Result]) -> str`.

    The built-ins are `text` (the terminal) and `json` (`--json`); a reporter plugin adds more.
    """
