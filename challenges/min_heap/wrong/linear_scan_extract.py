# expect: TLE  an unordered list: extract_min scans for the minimum, O(n) per extraction
class MinHeap:
    def __init__(self):
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        heap.items = list(values)
        return heap

    def insert(self, val):
        self.items.append(val)

    def extract_min(self):
        if not self.items:
            return None
        smallest = min(self.items)
        self.items.remove(smallest)
        return smallest

    def peek(self):
        return min(self.items) if self.items else None

    def __len__(self):
        return len(self.items)
