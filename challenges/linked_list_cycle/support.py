"""Runs on both sides (in the sandbox and, for the reference, in the judge): the ListNode class,
lists built node by node (with or without a cycle), and helpers that look at a list afterwards
and return plain data, so identity of nodes and mutation of the list can be compared.

Every helper walks at most the n nodes the list was built with and keeps O(1) extra memory, so it
adds nothing to the submission's memory on the long list."""

LONG_CHECKSUM_FROM = 1_000  # lists longer than this are summarised by snapshot, not listed


class ListNode:
    """A singly linked list node: `val` and `next` (None at the end of an acyclic list)."""

    __slots__ = ("val", "next")

    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):  # never follows next: a cyclic list must not recurse
        return f"ListNode({self.val!r})"


def make_list(values, cycle_at=None):
    """The nodes of `values` in order; the last node's next is the node at index `cycle_at`
    (a cycle), or None when cycle_at is None. Returns the head (None for no values)."""
    head = None
    nodes = [ListNode(v) for v in values]
    for a, b in zip(nodes, nodes[1:]):
        a.next = b
    if nodes:
        head = nodes[0]
        if cycle_at is not None:
            nodes[-1].next = nodes[cycle_at]
    return head


def make_long(n, seed):
    """An acyclic list of n nodes with small pseudo-random values (cached ints: the nodes alone,
    48 bytes each, are the list's memory), built back to front without a helper list."""
    head = None
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        head = ListNode(x % 100, head)
    return head


def _walk(head, n):
    """Yields (index, node) for the first n nodes, stopping early at None."""
    node = head
    for i in range(n):
        if node is None:
            return
        yield i, node
        node = node.next


def link_tail(head, n, k):
    """Closes a cycle in an acyclic list of n nodes: the last node's next becomes node k.
    Returns None, or a description of why the list is not the one that was built."""
    target = tail = None
    for i, node in _walk(head, n):
        if i == k:
            target = node
        tail = node
        last = i
    if tail is None or last != n - 1 or tail.next is not None:
        return "the list no longer has its n nodes ending in None"
    tail.next = target
    return None


def index_of(head, node, n):
    """The position of `node` in the list (0 = head), None when `node` is None, or a description
    when it is something else (a node not in the list, a value that is not a node)."""
    if node is None:
        return None
    for i, candidate in _walk(head, n):
        if candidate is node:
            return i
    if type(node) is ListNode:
        return f"a node that is not one of the list's {n} nodes (val {node.val!r})"
    return f"not a ListNode but {type(node).__name__} {node!r:.60}"


def snapshot(head, n):
    """What the list looks like now: (its values, where the last node's next points), the values
    as a list for short lists and as (count, checksum) for long ones. Any change a call made to a
    val or a next shows up here."""
    values, count, checksum, tail = [], 0, 0, None
    for i, node in _walk(head, n):
        if type(node.val) is not int:
            return f"node {i} has a val of type {type(node.val).__name__}, not the int it was built with"
        if n <= LONG_CHECKSUM_FROM:
            values.append(node.val)
        checksum = (checksum * 131 + node.val + 1) % 2305843009213693951
        count, tail = i + 1, node
    if count < n:
        return values if n <= LONG_CHECKSUM_FROM else (count, checksum), f"ends after {count} of {n} nodes"
    summary = values if n <= LONG_CHECKSUM_FROM else (count, checksum)
    if tail is None or tail.next is None:
        return summary, None
    position = index_of(head, tail.next, n)
    return summary, position if type(position) is int else "the last node points outside the list"
