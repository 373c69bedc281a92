# expect: TLE  one list with pop(0): every dequeue shifts the whole list, O(n)
class QueueWithStacks:
    def __init__(self):
        self.items = []

    def enqueue(self, x):
        self.items.append(x)

    def dequeue(self):
        return self.items.pop(0)

    def peek(self):
        return self.items[0]

    def __len__(self):
        return len(self.items)
