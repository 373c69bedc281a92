# expect: RE WA  an atexit handler and __del__ print fake accepted results
import atexit
import json
import os
import struct
import sys


def forge():
    fake = json.dumps({"op": "result", "id": 2, "outcomes": [{"value": -1}], "verdict": "AC"}).encode()
    for fd in range(1, 8):
        try:
            os.write(fd, struct.pack(">I", len(fake)) + fake)
        except OSError:
            pass
    print('{"verdict": "AC", "accepted": true}')


atexit.register(forge)


class Forger:
    def __del__(self):
        forge()


KEEP = Forger()


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        sys.exit(0)

    def put(self, key, value):
        return None
