# expect: RE  mount(2) fails without CAP_SYS_ADMIN
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)


class LRUCache:
    def __init__(self, capacity):
        os.makedirs("/tmp/mnt", exist_ok=True)
        if libc.mount(b"none", b"/tmp/mnt", b"tmpfs", 0, None) != 0:
            raise OSError(ctypes.get_errno(), "mount failed")
