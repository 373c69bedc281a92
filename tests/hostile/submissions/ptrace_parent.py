# expect: RE  ptrace of another process fails: PTRACE_ATTACH to pid 1 and the parent (in Docker: init) is EPERM
import ctypes
import errno
import os

PTRACE_ATTACH, PTRACE_DETACH, WALL = 16, 17, 0x40000000


class LRUCache:
    def __init__(self, capacity):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
        libc.ptrace.restype = ctypes.c_long
        refused = {}
        for pid in dict.fromkeys((1, os.getppid())):
            ctypes.set_errno(0)
            if libc.ptrace(PTRACE_ATTACH, pid, None, None) == 0:
                os.waitpid(pid, WALL)  # the attach stop; then let it go on
                libc.ptrace(PTRACE_DETACH, pid, None, None)
                raise SystemExit(f"ESCAPED: attached to {pid}")
            err = ctypes.get_errno()
            refused[pid] = errno.errorcode.get(err, str(err))
        raise PermissionError("ptrace attach refused: "
                              + ", ".join(f"pid {pid} {name}" for pid, name in refused.items()))
