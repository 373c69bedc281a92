# expect: WA  __exit__ returns True: the state is restored but an exception raised inside is swallowed
_MISSING = object()


class patched:
    def __init__(self, target, name, replacement):
        self.target, self.name, self.replacement = target, name, replacement

    def __enter__(self):
        self.previous = vars(self.target).get(self.name, _MISSING)
        setattr(self.target, self.name, self.replacement)
        return self.replacement

    def __exit__(self, *exc):
        if self.previous is _MISSING:
            delattr(self.target, self.name)
        else:
            setattr(self.target, self.name, self.previous)
        return True
