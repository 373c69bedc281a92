"""Shell completion (bash, zsh, fish) through argcomplete, challenge ids included.

`judge completion SHELL` prints the script to source; the shell then runs `judge` with
`_ARGCOMPLETE` set, and `complete` answers from the same parser the command uses. argcomplete
is imported only then, so ordinary commands do not pay for it.
"""
from __future__ import annotations

import argparse


def challenge_ids(prefix: str, parsed_args: argparse.Namespace, **_) -> list[str]:
    """Challenge ids for a positional ID: the catalog's folder names, without parsing any yaml."""
    from pathlib import Path

    from judge.catalog import Catalog, ChallengesDir
    from judge.plugins import make_plugin_manager

    dirs = tuple(ChallengesDir(Path(d)) for d in getattr(parsed_args, "challenges_dir", None) or ())
    try:
        return [cid for cid in Catalog(make_plugin_manager(dirs)).ids() if cid.startswith(prefix)]
    except Exception:  # noqa: BLE001 - a completion never prints an error into the command line
        return []


ID_ARGUMENTS = {"id", "slug"}


def complete(parser: argparse.ArgumentParser) -> None:
    import argcomplete

    from judge.cli import _leaf_parsers

    for _, leaf in _leaf_parsers(parser):
        for action in leaf._actions:
            if action.dest in ID_ARGUMENTS or (action.dest == "ids" and action.nargs == "*"):
                action.completer = challenge_ids
    argcomplete.autocomplete(parser)


def shell_code(shell: str) -> str:
    import argcomplete

    return argcomplete.shellcode(["judge"], shell=shell)
