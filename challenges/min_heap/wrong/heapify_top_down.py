# expect: WA  heapify sifts down from the root towards the leaves, which does not always make a heap
class MinHeap:
    def __init__(self):
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        heap.items = list(values)
        for i in range(len(heap.items) // 2):
            heap._down(i)
        return heap

    def insert(self, val):
        a = self.items
        a.append(val)
        i = len(a) - 1
        while i > 0 and a[(i - 1) // 2] > a[i]:
            a[i], a[(i - 1) // 2] = a[(i - 1) // 2], a[i]
            i = (i - 1) // 2

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
