# expect: RE WA  monkeypatches builtins, json, time.perf_counter, gc and traceback: it can only garble its own replies
import builtins
import gc
import json
import sys
import time
import traceback

builtins.isinstance = lambda *a: True
builtins.type = lambda *a: int
json.dumps = lambda *a, **k: '{"verdict": "AC"}'
json.loads = lambda *a, **k: {"verdict": "AC"}
time.perf_counter = lambda: 0.0
time.monotonic = lambda: 0.0
gc.get_objects = lambda: []
traceback.format_exception = lambda *a, **k: ["all good"]
sys.modules["json"] = json


class LRUCache:
    def __init__(self, capacity):
        pass

    def get(self, key):
        return 0

    def put(self, key, value):
        return None
