# expect: RE  the seed's extract_min: swap, pop, then sift down index 0 of an empty list (IndexError)
class MinHeap:
    def __init__(self):
        self.heap = []

    @classmethod
    def heapify(cls, values):
        h = cls()
        h.heap = list(values)
        for i in range(len(h.heap) // 2 - 1, -1, -1):
            h._bubble_down(i)
        return h

    def insert(self, val):
        self.heap.append(val)
        self._bubble_up(len(self.heap) - 1)

    def extract_min(self):
        if not self.heap:
            return None
        self._swap(0, len(self.heap) - 1)
        min_val = self.heap.pop()
        self._bubble_down(0)
        return min_val

    def peek(self):
        return self.heap[0] if self.heap else None

    def __len__(self):
        return len(self.heap)

    def _swap(self, i, j):
        self.heap[i], self.heap[j] = self.heap[j], self.heap[i]

    def _bubble_up(self, i):
        while i > 0 and self.heap[(i - 1) // 2] > self.heap[i]:
            self._swap(i, (i - 1) // 2)
            i = (i - 1) // 2

    def _bubble_down(self, i):
        value = self.heap[i]
        while True:
            c = 2 * i + 1
            if c + 1 < len(self.heap) and self.heap[c + 1] < self.heap[c]:
                c += 1
            if c >= len(self.heap) or value <= self.heap[c]:
                return
            self._swap(i, c)
            i = c
