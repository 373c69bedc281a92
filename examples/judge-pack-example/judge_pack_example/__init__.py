"""An example third-party challenge pack for judge: one folder per challenge, one hook."""
from pathlib import Path

import pluggy

hookimpl = pluggy.HookimplMarker("judge")


@hookimpl
def judge_challenge_dirs():
    return [Path(__file__).parent]
