"""Properties of search_engine: random add/remove/search/phrase_search sequences against the reference,
BM25 scores within 1e-9 relative, the ranking compared exactly except inside groups of scores that are
equal to within that tolerance (where summing in another order may break the tie differently), and an
inverted-index timing check over 10,000 documents."""
import math

from hypothesis import strategies as st

from judge.harness import prop, scaling

REL = 1e-9
words = st.sampled_from(["apple", "Apple", "banana", "cherry", "date", "elder", "fig", "x", "x2", "fig_tree"])
separators = st.sampled_from([" ", "  ", ", ", ". ", "-", "\n", "!? ", "'"])
texts = st.lists(st.tuples(words, separators), max_size=14).map(lambda ws: "".join(w + s for w, s in ws))
queries = st.lists(words, max_size=4).map(" ".join)
doc_ids = st.sampled_from(["a", "b", "c", "d", "e", "f", "doc10", "doc9"])


def _close(x, y):
    return abs(x - y) <= REL * max(abs(x), abs(y))


def ranked(expected, actual):
    """(doc_id, score) pairs. Scores: floats within 1e-9 relative of the reference's, position by position,
    and the list sorted by its own scores descending, then doc_id. Doc ids: equal position by position,
    except inside a run of two or more scores tied to within the tolerance (summing in another order may
    order those differently): there the same ids in any order, or, for a run at the end of the list (which
    k may cut), any ids."""
    if type(actual) is not list or not all(type(x) is tuple and len(x) == 2 and type(x[0]) is str
                                           and type(x[1]) is float for x in actual):
        return f"expected a list of (str, float) tuples, got {actual!r}"[:300]
    if len(actual) != len(expected):
        return f"expected {len(expected)} results, got {len(actual)}: {actual!r}"[:300]
    if len({d for d, _ in actual}) != len(actual):
        return f"a document is listed twice: {actual!r}"[:300]
    for i, ((want_id, want), (got_id, got)) in enumerate(zip(expected, actual)):
        if not _close(want, got):
            return f"result {i}: expected score {want!r} for {want_id!r}, got {got!r} for {got_id!r}"
    if actual != sorted(actual, key=lambda x: (-x[1], x[0])):
        return f"not sorted by score descending, then doc_id: {actual!r}"[:300]
    i = 0
    while i < len(expected):
        j = i + 1
        while j < len(expected) and _close(expected[j][1], expected[i][1]):
            j += 1
        want_ids, got_ids = [d for d, _ in expected[i:j]], [d for d, _ in actual[i:j]]
        if j - i == 1 and want_ids != got_ids:
            return f"result {i}: expected {expected[i]!r}, got {actual[i]!r}"
        if j - i > 1 and j < len(expected) and sorted(want_ids) != sorted(got_ids):
            return f"results {i}..{j - 1} (tied scores): expected {want_ids}, got {got_ids}"
        i = j
    return None


ops = st.lists(st.one_of(
    st.tuples(st.just("add"), doc_ids, texts),
    st.tuples(st.just("remove"), doc_ids),
    st.tuples(st.just("search"), queries, st.integers(0, 6)),
    st.tuples(st.just("phrase"), queries),
), max_size=25)


@prop(ops, max_examples=300)
def matches_reference(p, operations):
    """Any sequence of add (re-adding replaces), remove (KeyError when absent), search and phrase_search
    on a small vocabulary with case and punctuation variations: the same results as the reference."""
    index = p.new("SearchIndex")
    for op in operations:
        if op[0] == "add":
            index.add(op[1], op[2])
        elif op[0] == "remove":
            index.remove(op[1])
        elif op[0] == "search":
            index.search(op[1], op[2]).compare(ranked)
            index.search(op[1]).compare(ranked)
        else:
            index.phrase_search(op[1])


@prop(st.lists(st.tuples(doc_ids, texts), min_size=1, max_size=8), st.lists(queries, min_size=1, max_size=5),
      max_examples=150)
def scores_of_a_corpus(p, corpus, query_list):
    """A whole corpus added, then several queries with the default k and with k larger than the corpus:
    every score of every matching document (idf, tf saturation, length normalisation)."""
    index = p.new("SearchIndex")
    for doc_id, text in corpus:
        index.add(doc_id, text)
    for query in query_list:
        index.search(query, 20).compare(ranked)
        index.phrase_search(query)
        index.phrase_search(query.split(" ")[0])


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """An empty index, unknown terms, repeated query terms, case and punctuation, k = 0, an empty document,
    empty or punctuation-only queries and phrases, a phrase repeated inside a document, removal errors."""
    index = p.new("SearchIndex")
    index.search("anything").compare(ranked)
    index.phrase_search("anything")
    index.remove("nope")
    index.add("empty", "")
    index.search("anything").compare(ranked)
    index.add("d1", "The quick brown fox. THE QUICK, brown; dog!")
    index.add("d2", "quick quick quick quick fox")
    index.add("d3", "a fox")
    for query in ("quick", "QUICK quick Quick", "fox", "brown fox", "the", "zebra", "", "...", "quick zebra"):
        index.search(query).compare(ranked)
        index.search(query, 1).compare(ranked)
        index.search(query, 0).compare(ranked)
        index.phrase_search(query)
    index.phrase_search("quick brown")
    index.phrase_search("quick quick quick")
    index.phrase_search("brown quick")
    index.phrase_search("fox the")
    index.add("d2", "entirely new words")
    index.search("quick").compare(ranked)
    index.search("new").compare(ranked)
    index.remove("d2")
    index.remove("d2")
    index.search("words").compare(ranked)
    index.remove("empty")
    index.remove("d1")
    index.remove("d3")
    index.search("fox").compare(ranked)
    index.phrase_search("a fox")


@scaling(ratio=10)
def inverted_index_at_scale(p, rng):
    """10,000 documents indexed (with re-adds and removals), then 5,000 two-word searches and phrase
    searches on rare words, inside the sandbox: scanning every document per query, or recomputing the
    average document length from all documents per query, is far slower than the reference."""
    index = p.new("SearchIndex")
    p.helper("bulk", index, 10_000, 5_000, rng.randrange(1 << 30))
