# expect: RE  checks fast.next but not fast itself: AttributeError on an empty list or once the hare steps past the end
def has_cycle(head):
    slow = fast = head
    while fast.next:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return True
    return False


def cycle_start(head):
    slow = fast = head
    while fast.next:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            ptr = head
            while ptr is not slow:
                ptr, slow = ptr.next, slow.next
            return ptr
    return None
