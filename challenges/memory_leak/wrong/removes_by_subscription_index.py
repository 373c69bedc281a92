# expect: WA  the death callback deletes the entry at its subscription-time index: once an earlier entry is gone, it removes a live neighbour
import inspect
import weakref


class EventBus:
    def __init__(self):
        self._events = {}  # event -> list of entries, each a zero-argument callable (a weakref or a holder)

    def _remover(self, event, index):
        bus_ref = weakref.ref(self)

        def remove(_dead):
            bus = bus_ref()
            entries = bus._events.get(event) if bus is not None else None
            if entries is not None and index < len(entries):
                del entries[index]  # the index it had when it subscribed: stale once an earlier entry left

        return remove

    def subscribe(self, event, callback, weak=True):
        entries = self._events.setdefault(event, [])
        for entry in entries:
            live = entry()
            if live is not None and live == callback:
                return
        if weak:
            remove = self._remover(event, len(entries))
            entry = weakref.WeakMethod(callback, remove) if inspect.ismethod(callback) else weakref.ref(callback, remove)
        else:
            def entry():
                return callback
        entries.append(entry)

    def unsubscribe(self, event, callback):
        entries = self._events.get(event, [])
        for i, entry in enumerate(entries):
            live = entry()
            if live is not None and live == callback:
                del entries[i]
                return True
        return False

    def publish(self, event, *args, **kwargs):
        called = 0
        for entry in list(self._events.get(event, [])):
            live = entry()
            if live is not None:
                live(*args, **kwargs)
                called += 1
        return called

    def subscriber_count(self, event):
        return sum(1 for entry in self._events.get(event, []) if entry() is not None)
