"""What a challenge needs installed on the judge's side, checked before judging starts.

A torch challenge runs its reference and comparisons in the judge process, so a judge without
torch cannot judge it: say so once, with the install command, instead of blaming the submission
(the local sandbox would report its `ModuleNotFoundError`) or failing inside the judge (Docker).
"""
from __future__ import annotations

import importlib.util

from judge.challenge import Challenge
from judge.errors import JudgeError

DISTRIBUTION = "propjudge"


def require_judge_side(challenge: Challenge) -> None:
    """Raise JudgeError (exit 2) when the judge process lacks what `challenge` needs."""
    if challenge.runtime.startswith("torch") and importlib.util.find_spec("torch") is None:
        raise JudgeError(f"challenge {challenge.id} needs torch on the judge side, and this Python has none: "
                         f"pip install '{DISTRIBUTION}[torch]'")
