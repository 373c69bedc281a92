# expect: WA  compares the pointers' values instead of the nodes: repeated values look like a meeting
def _meet(head):
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if fast is not None and slow.val == fast.val:
            return slow
    return None


def has_cycle(head):
    return _meet(head) is not None


def cycle_start(head):
    meet = _meet(head)
    if meet is None:
        return None
    ptr = head
    while ptr.val != meet.val:
        ptr, meet = ptr.next, meet.next
    return ptr
