# expect: WA  the leak itself: callbacks kept as strong dict keys, so a subscribed object is never freed (memory grows with every subscriber)
class EventBus:
    def __init__(self):
        self.subscribers = {}

    def subscribe(self, event, callback, weak=True):
        self.subscribers.setdefault(event, {}).setdefault(callback, None)

    def unsubscribe(self, event, callback):
        callbacks = self.subscribers.get(event, {})
        if callback in callbacks:
            del callbacks[callback]
            return True
        return False

    def publish(self, event, *args, **kwargs):
        callbacks = list(self.subscribers.get(event, {}))
        for callback in callbacks:
            callback(*args, **kwargs)
        return len(callbacks)

    def subscriber_count(self, event):
        return len(self.subscribers.get(event, {}))
