# expect: RE  searches frames and gc.get_objects() for the reference to call it: it is not there
import gc
import sys


class LRUCache:
    def __init__(self, capacity):
        found = [o for o in gc.get_objects() if getattr(o, "__name__", "") == "LRUCache" and o is not LRUCache]
        frame = sys._getframe()
        while frame is not None:
            found += [v for v in frame.f_globals.values() if getattr(v, "__name__", "") == "LRUCache" and v is not LRUCache]
            frame = frame.f_back
        if found:
            raise SystemExit("FOUND a reference LRUCache")
        raise LookupError("no reference in this process")
