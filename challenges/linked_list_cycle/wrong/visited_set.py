# expect: MLE  remembers every visited node in a set: O(n) extra memory, over the limit on the 700,000-node list
def has_cycle(head):
    seen = set()
    node = head
    while node is not None:
        if node in seen:
            return True
        seen.add(node)
        node = node.next
    return False


def cycle_start(head):
    seen = set()
    node = head
    while node is not None:
        if node in seen:
            return node
        seen.add(node)
        node = node.next
    return None
