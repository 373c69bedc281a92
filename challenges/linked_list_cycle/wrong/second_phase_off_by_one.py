# expect: WA  Floyd's second phase moves both pointers before comparing them: a cycle through the head is reported one node late
def _meet(head):
    slow = fast = head
    while fast and fast.next:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return slow
    return None


def has_cycle(head):
    return _meet(head) is not None


def cycle_start(head):
    meet = _meet(head)
    if meet is None:
        return None
    ptr = head
    while True:
        ptr = ptr.next
        meet = meet.next
        if ptr is meet:
            return ptr
