# expect: CE  keeps the values sorted with sorted(), which the challenge forbids
class MinHeap:
    def __init__(self):
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        heap.items = sorted(values, reverse=True)
        return heap

    def insert(self, val):
        self.items = sorted(self.items + [val], reverse=True)

    def extract_min(self):
        return self.items.pop() if self.items else None

    def peek(self):
        return self.items[-1] if self.items else None

    def __len__(self):
        return len(self.items)
