"""Reference: remember the target's *own* entry for the name (its __dict__, so a staticmethod stays a
staticmethod and an inherited attribute is known to be absent), patch, and undo in `finally`."""
from contextlib import contextmanager

_MISSING = object()


@contextmanager
def patched(target, name, replacement):
    previous = vars(target).get(name, _MISSING)
    setattr(target, name, replacement)
    try:
        yield replacement
    finally:
        if previous is _MISSING:
            delattr(target, name)
        else:
            setattr(target, name, previous)
