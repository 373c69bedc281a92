# expect: WA  binds the old value to `as` instead of the replacement
from contextlib import contextmanager

_MISSING = object()


@contextmanager
def patched(target, name, replacement):
    previous = vars(target).get(name, _MISSING)
    setattr(target, name, replacement)
    try:
        yield None if previous is _MISSING else previous
    finally:
        if previous is _MISSING:
            delattr(target, name)
        else:
            setattr(target, name, previous)
