"""Reference min heap: a list as a complete binary tree (children of i at 2i+1 and 2i+2), sift up on
insert, sift down on extract, bottom-up heapify (the seed's answer, completed)."""


class MinHeap:
    def __init__(self) -> None:
        self.items = []

    @classmethod
    def heapify(cls, values):
        heap = cls()
        heap.items = list(values)
        for i in reversed(range(len(heap.items) // 2)):
            heap._sift_down(i)
        return heap

    def insert(self, val) -> None:
        items = self.items
        items.append(val)
        i = len(items) - 1
        while i > 0 and items[(i - 1) // 2] > items[i]:
            parent = (i - 1) // 2
            items[i], items[parent] = items[parent], items[i]
            i = parent

    def extract_min(self):
        items = self.items
        if not items:
            return None
        last = items.pop()
        if not items:
            return last
        smallest = items[0]
        items[0] = last
        self._sift_down(0)
        return smallest

    def peek(self):
        return self.items[0] if self.items else None

    def __len__(self) -> int:
        return len(self.items)

    def _sift_down(self, i) -> None:
        items = self.items
        n = len(items)
        while True:
            child = 2 * i + 1
            if child >= n:
                return
            if child + 1 < n and items[child + 1] < items[child]:
                child += 1
            if items[i] <= items[child]:
                return
            items[i], items[child] = items[child], items[i]
            i = child
