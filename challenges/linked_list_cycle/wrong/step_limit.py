# expect: WA  gives up after 100,000 steps and calls the list cyclic: wrong on a long acyclic list
LIMIT = 100_000


def has_cycle(head):
    node = head
    for _ in range(LIMIT):
        if node is None:
            return False
        node = node.next
    return True


def cycle_start(head):
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            ptr = head
            while ptr is not slow:
                ptr, slow = ptr.next, slow.next
            return ptr
    return None
