"""Reference cycle detection: Floyd's tortoise and hare, O(n) time and O(1) extra memory (the seed's
answer, with the loop body fixed and the "reset one pointer" extension for the cycle's start)."""


def _meeting_point(head):
    """The node where a pointer moving one step and one moving two steps meet, or None (no cycle)."""
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return slow
    return None


def has_cycle(head) -> bool:
    return _meeting_point(head) is not None


def cycle_start(head):
    meet = _meeting_point(head)
    if meet is None:
        return None
    # head is as many steps from the start of the cycle as the meeting point is (modulo its length)
    ptr = head
    while ptr is not meet:
        ptr = ptr.next
        meet = meet.next
    return ptr
