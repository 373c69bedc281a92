# expect: WA  unlinks each visited node by pointing its next at a sentinel: detects the cycle but destroys the list
class _Sentinel:
    next = None


_END = _Sentinel()


def has_cycle(head):
    node = head
    while node is not None:
        if node.next is _END:
            return True
        node.next, node = _END, node.next
    return False


def cycle_start(head):
    node = head
    while node is not None:
        if node.next is _END:
            return node
        node.next, node = _END, node.next
    return None
