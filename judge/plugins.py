"""The plugin manager: built-ins and entry points, registered the same way.

Built-in plugins are listed in DEFAULT_PLUGINS and registered exactly like third-party ones;
challenge packs come in through the `judge.challenges` entry-point group (the built-in catalog
included, via this project's own entry point), other plugins through `judge.plugins`.
A pack that fails to import is remembered in `broken` and reported, never fatal.
"""
from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points

import pluggy

from judge import hookspecs

DEFAULT_PLUGINS = (
    "judge.sandbox.docker_backend",
    "judge.sandbox.local",
    "judge.builtin_plugins.text_report",
    "judge.builtin_plugins.json_report",
)
ENTRY_POINT_GROUPS = ("judge.challenges", "judge.plugins")


def _load_builtin(pm: pluggy.PluginManager, broken: dict[str, str]) -> None:
    for name in DEFAULT_PLUGINS:
        try:
            pm.register(importlib.import_module(name), name=name)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not take the judge down
            broken[name] = f"{type(exc).__name__}: {exc}"


def _load_entry_points(pm: pluggy.PluginManager, broken: dict[str, str]) -> None:
    for group in ENTRY_POINT_GROUPS:
        for ep in entry_points(group=group):
            label = f"{ep.name} ({ep.value})"
            if pm.get_plugin(ep.value) is not None or pm.is_blocked(ep.value):
                continue
            try:
                pm.register(ep.load(), name=ep.value)
            except Exception as exc:  # noqa: BLE001
                broken[label] = f"{type(exc).__name__}: {exc}"


def make_plugin_manager(extra: tuple[object, ...] = ()) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("judge")
    pm.add_hookspecs(hookspecs)
    pm.broken = {}  # type: ignore[attr-defined]
    _load_builtin(pm, pm.broken)
    _load_entry_points(pm, pm.broken)
    for plugin in extra:
        pm.register(plugin)
    if os.environ.get("JUDGE_TRACE_HOOKS"):
        pm.trace.root.setwriter(lambda message: sys.stderr.write(f"[hook] {message}"))
        pm.enable_tracing()
    return pm


def result_formats(pm: pluggy.PluginManager) -> dict:
    """Every `judge_result_formats` format by name. As for backends and challenges, the first plugin
    pluggy calls wins a name: the one registered last, so a plugin can replace a built-in format."""
    formats: dict = {}
    for provided in pm.hook.judge_result_formats():
        for name, render in (provided or {}).items():
            formats.setdefault(name, render)
    return formats


def describe_plugins(pm: pluggy.PluginManager) -> list[dict]:
    """What `judge plugins` prints: each plugin and the hooks it implements."""
    rows = []
    for plugin in pm.get_plugins():
        name = pm.get_name(plugin) or repr(plugin)
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or ())
        rows.append({"name": name, "hooks": hooks})
    return sorted(rows, key=lambda row: row["name"])
