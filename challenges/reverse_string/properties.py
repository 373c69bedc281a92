"""Properties of reverse_string: differential against the reference for both functions on text of
every kind (combining marks, non-BMP characters, empty), the in-place contract of reverse_in_place
(the caller's list reversed, None returned: checked through the echoed argument), its O(1) extra
memory (tracemalloc inside the sandbox, support.py), and a timing check at n = 1,000,000."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

TRICKY = "ab\u0301e\u0300😀👍🏽漢字 \t\n\u200d\U0010ffffß"
texts = st.one_of(st.text(max_size=20), st.text(alphabet=TRICKY, max_size=20))
char_lists = st.lists(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=20)


@prop(texts, max_examples=250)
def string_matches_reference(p, s):
    """Any text: the code points in reverse order, as a str."""
    p.call("reverse_string", s)


@prop(char_lists, max_examples=250)
def list_reversed_in_place(p, chars):
    """Any list of characters (empty, one, odd and even lengths): None is returned and the caller's list,
    echoed back after the call, is reversed exactly as the reference reversed its copy."""
    p.call("reverse_in_place", chars)


@prop(char_lists, max_examples=100)
def kept_list_reversed_twice(p, chars):
    """A list kept inside the sandbox, reversed twice: both calls act on the same object; then the string
    function on the joined text."""
    kept = p.support("make_list", chars)
    p.call("reverse_in_place", kept)
    p.call("reverse_in_place", kept)
    p.call("reverse_string", "".join(chars))


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty, one and two items, palindromes, combining marks and surrogate-pair-sized code points."""
    for s in ("", "a", "ab", "aba", "abba", "e\u0301", "😀", "a😀b", "👍🏽", "\u0000x", "  x "):
        p.call("reverse_string", s)
        p.call("reverse_in_place", list(s))
    for n in range(0, 8):
        p.call("reverse_in_place", [chr(65 + i) for i in range(n)])


@prop(st.sampled_from([1, 2, 3, 100_000]), max_examples=4)
def constant_extra_memory(p, n):
    """reverse_in_place on a list of n characters (the largest 100,000), measured with tracemalloc inside
    the sandbox: None returned, the same list reversed, at most 64 KiB allocated at the peak."""
    fn = p.function("reverse_in_place")
    p.helper("in_place_report", fn, n)


@scaling(ratio=5)
def linear_time(p, rng):
    """A string of 1,000,000 characters and a list of 1,000,000 characters (built in the sandbox):
    O(n^2) string building or insert(0)/pop(0) is far slower, one recursion per character is RE."""
    alphabet = "abcdefghijklmnopqrstuvwxyzé漢😀\u0301 "
    s = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    p.call("reverse_string", s)
    chars = p.support("letters", 1_000_000)
    p.call("reverse_in_place", chars)
