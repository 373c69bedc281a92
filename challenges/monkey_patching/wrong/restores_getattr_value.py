# expect: WA  saves getattr(target, name) and sets it back: a staticmethod comes back as a plain function, inherited attributes are copied onto the object
from contextlib import contextmanager

_MISSING = object()


@contextmanager
def patched(target, name, replacement):
    previous = getattr(target, name, _MISSING)
    setattr(target, name, replacement)
    try:
        yield replacement
    finally:
        if previous is _MISSING:
            delattr(target, name)
        else:
            setattr(target, name, previous)
