# expect: WA  the stacks are class attributes, so every queue shares the same items
class QueueWithStacks:
    stack_in = []
    stack_out = []

    def enqueue(self, x):
        self.stack_in.append(x)

    def _refill(self):
        if not self.stack_out:
            while self.stack_in:
                self.stack_out.append(self.stack_in.pop())

    def dequeue(self):
        self._refill()
        return self.stack_out.pop()

    def peek(self):
        self._refill()
        return self.stack_out[-1]

    def __len__(self):
        return len(self.stack_in) + len(self.stack_out)
