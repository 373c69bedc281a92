# expect: CE  imports collections.deque, which the challenge forbids
from collections import deque


class QueueWithStacks:
    def __init__(self):
        self.items = deque()

    def enqueue(self, x):
        self.items.append(x)

    def dequeue(self):
        return self.items.popleft()

    def peek(self):
        return self.items[0]

    def __len__(self):
        return len(self.items)
