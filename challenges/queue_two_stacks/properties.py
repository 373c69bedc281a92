"""Properties of queue_two_stacks: differential against the reference on random operation sequences
(empty-queue errors, peek, len, interleaved enqueues while the out-stack is non-empty), two queues
that must not share state, explicit edge cases, and an amortised O(1) check."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

values = st.one_of(st.integers(-5, 5), st.none(), st.sampled_from(["", "a", (1, 2)]))
operations = st.lists(
    st.one_of(st.tuples(st.just("enqueue"), values), st.tuples(st.sampled_from(["dequeue", "peek", "len"]))),
    max_size=40,
)


def apply(q, op):
    if op[0] == "enqueue":
        q.enqueue(op[1])
    elif op[0] == "len":
        q.__len__()
    else:
        getattr(q, op[0])()


@prop(operations, max_examples=300)
def matches_reference(p, ops):
    """Any sequence of enqueue/dequeue/peek/len: FIFO order, IndexError when empty, the right length."""
    q = p.new("QueueWithStacks")
    for op in ops:
        apply(q, op)
    q.__len__()


@prop(st.lists(st.tuples(st.booleans(), st.sampled_from(["enqueue", "dequeue", "peek", "len"]), st.integers(-9, 9)),
               max_size=30), max_examples=150)
def two_queues(p, ops):
    """Two queues used in turn hold their own items (no state shared between instances)."""
    queues = [p.new("QueueWithStacks"), p.new("QueueWithStacks")]
    for second, name, value in ops:
        apply(queues[second], (name, value))
    for q in queues:
        q.__len__()
        q.peek()


@prop(st.integers(1, 12), st.integers(0, 12), st.integers(-(2**70), 2**70), max_examples=150)
def fill_then_drain(p, first, second, base):
    """Enqueue a batch, dequeue part, enqueue more (both stacks non-empty), then drain past empty."""
    q = p.new("QueueWithStacks")
    for i in range(first):
        q.enqueue(base + i)
    q.__len__()
    for _ in range(first // 2 + 1):
        q.dequeue()
    for i in range(second):
        q.enqueue(base - i)
        q.__len__()
        q.peek()
    for _ in range(first + second + 1):
        q.__len__()
        q.peek()
        q.dequeue()
    q.__len__()
    q.enqueue(base)
    q.peek()
    q.__len__()


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty queue errors, enqueue's None result, peek leaving the item, the queue reused after emptying."""
    q = p.new("QueueWithStacks")
    q.__len__()
    q.dequeue()
    q.peek()
    q.__len__()
    q.enqueue(0)
    q.__len__()
    q.peek()
    q.__len__()
    q.dequeue()
    q.__len__()
    q.peek()
    q.dequeue()
    q.enqueue(None)
    q.enqueue(1)
    q.peek()
    q.dequeue()
    q.enqueue(2)
    q.__len__()
    q.dequeue()
    q.dequeue()
    q.__len__()
    q.dequeue()


@scaling(ratio=10)
def amortised_constant_time(p, rng):
    """200,000 enqueues, 200,000 rounds of peek/dequeue/enqueue on a queue of 200,000 items, then a drain
    (run inside the sandbox by support.py): an O(n) dequeue, such as list.pop(0) or moving every item
    between the stacks on each operation, is far slower."""
    q = p.new("QueueWithStacks")
    p.support("churn", q, 200_000)
    q.__len__()
    q.peek()
