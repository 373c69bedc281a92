# expect: TLE  moves every item to the out-stack and back on each dequeue/peek: O(n) per operation
class QueueWithStacks:
    def __init__(self):
        self.stack_in = []
        self.stack_out = []

    def enqueue(self, x):
        self.stack_in.append(x)

    def _front(self, remove):
        while self.stack_in:
            self.stack_out.append(self.stack_in.pop())
        item = self.stack_out.pop() if remove else self.stack_out[-1]
        while self.stack_out:
            self.stack_in.append(self.stack_out.pop())
        return item

    def dequeue(self):
        return self._front(True)

    def peek(self):
        return self._front(False)

    def __len__(self):
        return len(self.stack_in)
