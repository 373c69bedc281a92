"""Reference queue: push onto an inbox stack; pop from an outbox stack, refilled (reversed) only when empty."""


class QueueWithStacks:
    def __init__(self) -> None:
        self.inbox = []
        self.outbox = []

    def enqueue(self, x) -> None:
        self.inbox.append(x)

    def _refill(self) -> None:
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())

    def dequeue(self):
        self._refill()
        return self.outbox.pop()  # IndexError when the queue is empty

    def peek(self):
        self._refill()
        return self.outbox[-1]  # IndexError when the queue is empty

    def __len__(self) -> int:
        return len(self.inbox) + len(self.outbox)
