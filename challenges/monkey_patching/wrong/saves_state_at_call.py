# expect: WA  takes the state to restore in __init__, not __enter__: overlapping patches created up front restore the wrong value
_MISSING = object()


class patched:
    def __init__(self, target, name, replacement):
        self.target, self.name, self.replacement = target, name, replacement
        self.previous = vars(target).get(name, _MISSING)

    def __enter__(self):
        setattr(self.target, self.name, self.replacement)
        return self.replacement

    def __exit__(self, *exc):
        if self.previous is _MISSING:
            delattr(self.target, self.name)
        else:
            setattr(self.target, self.name, self.previous)
        return False
