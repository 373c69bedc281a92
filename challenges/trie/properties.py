"""Properties of trie: differential against the reference on words over a tiny alphabet (so that
words share prefixes and are prefixes of each other), the empty string, arbitrary Unicode, and a
check that each operation costs O(length of the word), not O(number of words)."""
import itertools

from hypothesis import strategies as st

from judge.harness import prop, scaling

small_words = st.text(alphabet="ab", max_size=4)
unicode_words = st.text(max_size=6)  # any code points: accents, CJK, emoji, control characters
PROBES = ["".join(q) for n in range(6) for q in itertools.product("ab", repeat=n)]
SPECIAL = ["", "a", "A", "ab", "\u00e9", "e\u0301", "\u4e2d\u6587", "\U0001F600", "\x00", " ", "a b", "\u0130", "i"]


def _ops(words):
    return st.lists(st.tuples(st.sampled_from(["insert", "search", "starts_with"]), words), max_size=30)


def _run(t, ops):
    for op, word in ops:
        getattr(t, op)(word)


@prop(_ops(small_words), max_examples=300)
def matches_reference(p, ops):
    """Any sequence of insert/search/starts_with on words over {a, b} (the empty word included)."""
    t = p.new("Trie")
    _run(t, ops)


@prop(st.lists(small_words, max_size=6), max_examples=150)
def every_prefix_checked(p, words):
    """After inserting some words, every string of length <= 5 over {a, b}, "" first, is searched
    and prefix-searched."""
    t = p.new("Trie")
    t.starts_with("")
    t.search("")
    for w in words:
        t.insert(w)
    for q in PROBES:
        t.search(q)
        t.starts_with(q)


@prop(_ops(st.one_of(unicode_words, st.sampled_from(SPECIAL))), max_examples=150)
def unicode_words_match(p, ops):
    """Arbitrary Unicode: characters are code points, compared exactly (no case folding, no normalisation)."""
    t = p.new("Trie")
    _run(t, ops)
    for w in SPECIAL:
        t.search(w)
        t.starts_with(w)


@prop(st.sampled_from(["", "a", "ab"]), max_examples=5)
def empty_trie_and_empty_word(p, word):
    """An empty trie has no word and no prefix, "" included; inserting "" makes "" a word and a prefix,
    and nothing else; inserting twice changes nothing."""
    t = p.new("Trie")
    t.search("")
    t.starts_with("")
    t.search(word)
    t.starts_with(word)
    t.insert("")
    t.search("")
    t.starts_with("")
    t.search(word)
    t.starts_with(word)
    t.insert(word)
    t.insert(word)
    t.search(word)
    t.starts_with(word)
    t.search(word + "a")
    t.starts_with(word + "a")
    t.search(word[:-1])
    t2 = p.new("Trie")  # tries are independent
    t2.search(word)
    t2.starts_with("")


@scaling(ratio=6)
def per_operation_cost(p, rng):
    """20,000 words of length 12, then 20,000 searches and 20,000 prefix searches (driven by
    support.Driver inside the sandbox): a list of words scanned per query is far slower than a trie."""
    t = p.new("Trie")
    p.support("Driver", t).run(20_000, rng.randrange(2**32))
