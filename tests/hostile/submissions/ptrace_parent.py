# expect: RE  ptrace of another process fails
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)
PTRACE_ATTACH = 16


class LRUCache:
    def __init__(self, capacity):
        for pid in (1, os.getppid()):
            if libc.ptrace(PTRACE_ATTACH, pid, None, None) == 0:
                raise SystemExit(f"ESCAPED: attached to {pid}")
        raise OSError(ctypes.get_errno(), "ptrace failed")
