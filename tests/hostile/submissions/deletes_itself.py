# expect: RE  deletes its own file at import (the job folder is read-only): an error, nothing deleted on the host
import os

os.remove(__file__)


class LRUCache:
    def __init__(self, capacity):
        pass
