# expect: WA  keeps the saved values in a module-level dict keyed by (target, name): a second patch of the same attribute overwrites the first one's saved state
from contextlib import contextmanager

_MISSING = object()
_saved = {}


@contextmanager
def patched(target, name, replacement):
    key = (id(target), name)
    _saved[key] = vars(target).get(name, _MISSING)
    setattr(target, name, replacement)
    try:
        yield replacement
    finally:
        previous = _saved.pop(key, _MISSING)
        if previous is _MISSING:
            delattr(target, name)
        else:
            setattr(target, name, previous)
