# expect: CE  wraps heapq, which the challenge forbids
import heapq


class MinHeap:
    def __init__(self):
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        heap.items = list(values)
        heapq.heapify(heap.items)
        return heap

    def insert(self, val):
        heapq.heappush(self.items, val)

    def extract_min(self):
        return heapq.heappop(self.items) if self.items else None

    def peek(self):
        return self.items[0] if self.items else None

    def __len__(self):
        return len(self.items)
