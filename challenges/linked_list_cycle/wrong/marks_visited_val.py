# expect: WA  has_cycle overwrites each visited node's val with a marker (O(1) memory, right answers), leaving the list changed
_SEEN = object()


def has_cycle(head):
    node = head
    while node is not None:
        if node.val is _SEEN:
            return True
        node.val = _SEEN
        node = node.next
    return False


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
