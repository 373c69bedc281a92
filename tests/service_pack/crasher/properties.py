"""Loaded by the judge (trusted code) when a judgment starts: it kills that judging process, as a
judge bug or an out-of-memory kill would. Every attempt dies the same way."""
import os
import signal

os.kill(os.getpid(), signal.SIGKILL)
