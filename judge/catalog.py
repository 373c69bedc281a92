"""Finds challenge folders through the `judge_challenge_dirs` hook and loads them by id."""
from __future__ import annotations

import difflib
from pathlib import Path

import pluggy

from judge import hookimpl
from judge.challenge import Challenge, ChallengeError, load_challenge
from judge.errors import JudgeError


def challenge_folders(root: Path) -> list[Path]:
    """What a folder a pack or `--challenges-dir` names holds: itself when it is a challenge (it has a
    challenge.yaml), else the challenge folders directly inside it, by name."""
    root = Path(root)
    if (root / "challenge.yaml").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / "challenge.yaml").is_file())


class ChallengesDir:
    """`--challenges-dir DIR` as a plugin: an authoring folder goes through the same hook as a pack."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @hookimpl
    def judge_challenge_dirs(self):
        if not self.folder.is_dir():
            raise JudgeError(f"--challenges-dir {self.folder}: no such folder")
        return [self.folder]


class Catalog:
    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.folders: dict[str, Path] = {}
        self.broken: dict[str, str] = dict(getattr(pm, "broken", {}))
        for dirs in pm.hook.judge_challenge_dirs():
            for root in dirs or ():
                for folder in challenge_folders(root):
                    self.folders.setdefault(folder.name, folder)

    def ids(self) -> list[str]:
        return sorted(self.folders)

    def get(self, challenge_id: str) -> Challenge:
        folder = self.folders.get(challenge_id)
        if folder is None:
            close = difflib.get_close_matches(challenge_id, self.ids(), n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (see `judge list`)"
            raise JudgeError(f"unknown challenge {challenge_id!r}{hint}")
        return load_challenge(folder)

    def pack_folders(self, pm: pluggy.PluginManager, name: str) -> list[Path]:
        """The challenge folders of one installed pack: NAME is its entry point's name (`example`),
        module (`judge_pack_example`) or distribution (`judge-pack-example`); `builtin` is the
        catalog shipped with judge. A pack's CI checks its own challenges and nothing else."""
        from importlib.metadata import entry_points

        def normal(text: str) -> str:
            return text.lower().replace("-", "_").replace(".", "_")

        packs = {}
        for ep in entry_points(group="judge.challenges"):
            dist = getattr(ep.dist, "name", None) or ""
            for alias in (ep.name, ep.value, dist):
                if alias:
                    packs.setdefault(normal(alias), ep.value)
        module = packs.get(normal(name))
        if module is None:
            known = sorted({ep.name for ep in entry_points(group="judge.challenges")})
            raise JudgeError(f"no installed challenge pack {name!r} (installed: {', '.join(known) or 'none'})")
        why = next((why for label, why in self.broken.items() if label.endswith(f"({module})")), None)
        if why is not None:  # it failed to import: say why, not "provides no challenges"
            raise JudgeError(f"challenge pack {name!r} is broken: {why}")
        folders = []
        for impl in pm.hook.judge_challenge_dirs.get_hookimpls():
            if impl.plugin_name == module:
                for root in impl.function() or ():
                    folders += challenge_folders(root)
        if not folders:
            raise JudgeError(f"challenge pack {name!r} ({module}) provides no challenges")
        return folders

    def load_all(self) -> tuple[list[Challenge], dict[str, str]]:
        """Every loadable challenge, plus the broken ones with why; one bad folder hides nothing else."""
        loaded, broken = [], dict(self.broken)
        for cid in self.ids():
            try:
                loaded.append(load_challenge(self.folders[cid]))
            except ChallengeError as exc:
                broken[cid] = str(exc)
        return loaded, broken
