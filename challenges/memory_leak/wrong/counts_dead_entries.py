# expect: WA  purges only on publish and counts dead entries too: subscriber_count still counts a dropped subscriber
import inspect
import weakref


class EventBus:
    def __init__(self):
        self.entries = {}

    def _live(self, event):
        unique = []
        for ref in self.entries.get(event, []):
            cb = ref()
            if cb is not None and not any(cb == other for other in unique):
                unique.append(cb)
        return unique

    def subscribe(self, event, callback, weak=True):
        if weak:
            ref = weakref.WeakMethod(callback) if inspect.ismethod(callback) else weakref.ref(callback)
        else:
            ref = lambda: callback  # noqa: E731
        self.entries.setdefault(event, []).append(ref)  # duplicates are skipped when publishing

    def unsubscribe(self, event, callback):
        refs = self.entries.get(event, [])
        kept = [ref for ref in refs if ref() is None or ref() != callback]
        found = len(kept) != len(refs)
        refs[:] = kept
        return found

    def publish(self, event, *args, **kwargs):
        refs = self.entries.get(event, [])
        refs[:] = [ref for ref in refs if ref() is not None]  # the purge, only here
        callbacks = self._live(event)
        for cb in callbacks:
            cb(*args, **kwargs)
        return len(callbacks)

    def subscriber_count(self, event):
        return len(self.entries.get(event, []))
