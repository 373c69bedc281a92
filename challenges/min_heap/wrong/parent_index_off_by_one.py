# expect: WA  off by one: the parent of i is taken as i // 2 (the 1-based formula) in a 0-based list
class MinHeap:
    def __init__(self):
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        for value in values:
            heap.insert(value)
        return heap

    def insert(self, val):
        a = self.items
        a.append(val)
        i = len(a) - 1
        while i > 0 and a[i // 2] > a[i]:
            a[i], a[i // 2] = a[i // 2], a[i]
            i = i // 2

    def extract_min(self):
        a = self.items
        if not a:
            return None
        a[0], a[-1] = a[-1], a[0]
        smallest = a.pop()
        if a:
            self._down(0)
        return smallest

    def peek(self):
        return self.items[0] if self.items else None

    def __len__(self):
        return len(self.items)

    def _down(self, i):
        a = self.items
        while True:
            c = 2 * i + 1
            if c + 1 < len(a) and a[c + 1] < a[c]:
                c += 1
            if c >= len(a) or a[i] <= a[c]:
                return
            a[i], a[c] = a[c], a[i]
            i = c
