"""Properties of palindrome: differential against the reference on random text over an alphabet of
tricky characters (case pairs, digits of several scripts, punctuation, combining marks, "İ", "ß",
"ſ", final sigma, titlecase digraphs), on generated palindromes dressed up with case changes and
noise, on near-palindromes (one element changed), on explicit edge cases, and on strings of
1,000,000 characters (an O(n) timing check)."""

from hypothesis import strategies as st

from judge.harness import prop, scaling

ALNUM = "aAbBzZ019éÉeİiIıßẞſsSΣσςǄǅǆ٣١ﬁ"
NOISE = " ,.!?-_'\t\n:;\u0301\u0307\u200b@#"
ALPHABET = ALNUM + NOISE


def variants(c):
    """Spellings of one element that lower to the same thing: c, its upper case, its swapped case."""
    out = [c]
    for v in (c.upper(), c.swapcase(), c.title()):
        if len(v) == 1 and v.isalnum() and v.lower() == c.lower() and v not in out:
            out.append(v)
    return out


# Built once: a strategy made inside each draw is validated anew every time (most of the cost).
_VARIANTS = {c: st.sampled_from(variants(c)) for c in ALNUM}
_NOISE = st.lists(st.sampled_from(NOISE), max_size=2)
_HALF = st.lists(st.sampled_from(ALNUM), max_size=12)
_MIDDLE = st.lists(st.sampled_from(ALNUM), max_size=1)


@st.composite
def dressed_palindromes(draw):
    """A mirrored sequence of alphanumeric characters, each occurrence respelled in another case, with
    non-alphanumeric noise inserted anywhere: always a palindrome under the rule."""
    half = draw(_HALF)
    middle = draw(_MIDDLE)
    core = half + middle + half[::-1]
    out = []
    for c in core:
        out.append(draw(_NOISE))
        out.append([draw(_VARIANTS[c])])
    out.append(draw(_NOISE))
    return "".join(ch for part in out for ch in part)


@prop(st.text(alphabet=ALPHABET, max_size=16), max_examples=300)
def matches_reference(p, s):
    """Random text over the tricky alphabet: the same bool as the reference."""
    p.call("is_palindrome", s)


@prop(st.text(max_size=12), max_examples=150)
def any_unicode(p, s):
    """Arbitrary Unicode text (every script, symbol and mark hypothesis draws)."""
    p.call("is_palindrome", s)


@prop(dressed_palindromes(), max_examples=250)
def palindromes_with_noise_and_case(p, s):
    """Palindromes under the rule, respelled in other cases and padded with noise, are True."""
    p.call("is_palindrome", s)


@prop(dressed_palindromes(), st.integers(0, 40), st.sampled_from(ALNUM), max_examples=250)
def near_palindromes(p, s, where, replacement):
    """A palindrome with one character replaced (often no longer one): the reference decides."""
    i = where % (len(s) + 1)
    p.call("is_palindrome", s[:i] + replacement + s[i + 1:])


EDGE_CASES = [
    "", " ", ".,!? ", "a", "A", "7", "aa", "aA", "ab", "a b", "a.", ".a", "0P", "P0", "Ab1bA",
    "A man, a plan, a canal: Panama", "race a car", "Was it a car or a cat I saw?", "No 'x' in Nixon",
    "Été", "été", "éte\u0301", "İi", "iİ", "İİ", "İ", "Iı", "ıI", "ß", "ßẞ", "ßss", "ssß", "ſs", "sſ", "ſS",
    "Σσ", "σς", "Σς", "ǄǅǆǄ", "ǅǆ", "١٢١", "١٢٣", "1١", "ﬁ", "ﬁif", "a\u0301a", "\u0301", "ab\u200bba",
    "Aa1", "1aA1", "12a21", "12a12", "a1b2a", "1a2a", "__a__b__", "\tA\nb\r:a ",
]


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Empty and noise-only strings, digits, one character, non-ASCII letters, and the characters whose
    lower() differs from casefold() or from lowering the whole string ("İ", "ß", "ſ", "ǅ", "Σ")."""
    for s in EDGE_CASES:
        p.call("is_palindrome", s)


@scaling(ratio=5)
def million_characters(p, rng):
    """Strings of about 1,000,000 characters (built by support.py on each side): a palindrome (read
    to the middle), one with an element near the middle changed, one whose first element differs.
    O(n) is fast enough; O(n^2) (slices) is far slower than the reference, and recursing once per
    character is RE."""
    seed = rng.randrange(2**32)
    for change in (None, "middle", "first"):
        p.call("is_palindrome", p.support("big_palindrome", 1_000_000, seed, change))
