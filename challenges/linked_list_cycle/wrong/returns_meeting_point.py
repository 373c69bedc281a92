# expect: WA  cycle_start returns where the tortoise and the hare meet, skipping the second phase
def _meet(head):
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return slow
    return None


def has_cycle(head):
    return _meet(head) is not None


def cycle_start(head):
    return _meet(head)
