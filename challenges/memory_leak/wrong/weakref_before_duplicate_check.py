# expect: WA  makes the weak reference before looking for an equal live subscriber: an unweakable callable equal to a live strong subscriber raises TypeError instead of changing nothing
import inspect
import weakref


class EventBus:
    def __init__(self):
        self._events = {}
        self._next_key = 0

    def _remover(self, event, key):
        bus_ref = weakref.ref(self)

        def remove(_dead):
            bus = bus_ref()
            if bus is not None:
                entries = bus._events.get(event)
                if entries is not None:
                    entries.pop(key, None)
                    if not entries:
                        del bus._events[event]

        return remove

    def subscribe(self, event, callback, weak=True):
        key = self._next_key
        if weak:  # made first: an unweakable callable raises TypeError even when an equal one is subscribed
            remove = self._remover(event, key)
            if inspect.ismethod(callback):
                entry = weakref.WeakMethod(callback, remove)
            else:
                entry = weakref.ref(callback, remove)
        else:
            def entry():
                return callback
        entries = self._events.get(event, {})
        for other in entries.values():
            live = other()
            if live is not None and live == callback:
                return
        self._next_key = key + 1
        self._events.setdefault(event, {})[key] = entry

    def unsubscribe(self, event, callback):
        entries = self._events.get(event, {})
        for key, entry in entries.items():
            live = entry()
            if live is not None and live == callback:
                del entries[key]
                if not entries:
                    del self._events[event]
                return True
        return False

    def publish(self, event, *args, **kwargs):
        called = 0
        for entry in list(self._events.get(event, {}).values()):
            live = entry()
            if live is not None:
                live(*args, **kwargs)
                called += 1
        return called

    def subscriber_count(self, event):
        return sum(1 for entry in self._events.get(event, {}).values() if entry() is not None)
