# expect: WA  restores after the yield without try/finally: an exception inside leaves the patch in place
from contextlib import contextmanager

_MISSING = object()


@contextmanager
def patched(target, name, replacement):
    previous = vars(target).get(name, _MISSING)
    setattr(target, name, replacement)
    yield replacement
    if previous is _MISSING:
        delattr(target, name)
    else:
        setattr(target, name, previous)
