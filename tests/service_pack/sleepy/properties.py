"""echo(x) is x; the number of examples is what a test sets with max_examples."""
from hypothesis import strategies as st

from judge.harness import prop


@prop(st.integers(0, 1000), max_examples=30)
def echoes(p, x):
    """Any integer from 0 to 1000 comes back unchanged."""
    p.call("echo", x)
