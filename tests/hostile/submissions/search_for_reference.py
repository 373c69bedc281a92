# expect: RE  the reference solution, properties and expected outputs are not inside the sandbox at all
import os

MARKERS = (b"a dict for lookup plus a doubly linked list", b"def matches_reference", b"judge.harness")


class LRUCache:
    def __init__(self, capacity):
        for root, dirs, files in os.walk("/", onerror=lambda e: None):
            dirs[:] = [d for d in dirs if not os.path.join(root, d).startswith(("/proc", "/sys", "/dev"))]
            for name in files:
                path = os.path.join(root, name)
                try:
                    if os.path.islink(path) or os.path.getsize(path) > 1 << 20:
                        continue
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if any(marker in data for marker in MARKERS):
                    raise SystemExit(f"FOUND the judge's files at {path}")
        raise LookupError("no judge files anywhere in the sandbox")
