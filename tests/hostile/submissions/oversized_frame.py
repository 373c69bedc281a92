# expect: OLE RE  announces a 4 GiB protocol message
import os
import struct


class LRUCache:
    def __init__(self, capacity):
        for fd in range(3, 16):
            try:
                os.write(fd, struct.pack(">I", 0xFFFFFFF0) + b"{" * 1024)
            except OSError:
                pass
        import time
        time.sleep(60)
