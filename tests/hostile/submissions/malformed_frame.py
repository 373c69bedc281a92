# expect: RE  a malformed protocol message (bad JSON) in place of the answer
import os
import struct


class LRUCache:
    def __init__(self, capacity):
        for fd in range(3, 16):
            try:
                os.write(fd, struct.pack(">I", 9) + b"{not json")
            except OSError:
                pass
        os._exit(0)
