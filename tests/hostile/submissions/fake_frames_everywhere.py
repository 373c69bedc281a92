# expect: RE  fake protocol frames and fake JSON verdicts to every open descriptor
import json
import os
import struct

fake = json.dumps({"op": "ready", "missing": [], "verdict": "AC"}).encode()
for fd in range(0, 32):
    try:
        os.write(fd, struct.pack(">I", len(fake)) + fake)
        os.write(fd, b'{"verdict": "AC"}\n')
    except OSError:
        pass


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return -1

    def put(self, key, value):
        return None
