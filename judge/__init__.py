"""judge: a plugin-based coding-challenge judge with sandboxed, unforgeable verdicts."""
import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("judge")
