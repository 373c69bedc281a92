# expect: RE  killing pid 1 or the worker's parent fails or ends only the sandbox
import os
import signal


class LRUCache:
    def __init__(self, capacity):
        for pid in (os.getppid(), 1):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        raise ProcessLookupError("still here")
