# expect: WA  uses None as the "did not exist" marker: an attribute whose value is None is deleted on exit
from contextlib import contextmanager


@contextmanager
def patched(target, name, replacement):
    previous = vars(target).get(name)
    setattr(target, name, replacement)
    try:
        yield replacement
    finally:
        if previous is None:
            delattr(target, name)
        else:
            setattr(target, name, previous)
