"""Properties of url_shortener: base62 encode/decode compared exactly with the reference (boundaries
at powers of 62, invalid characters, Unicode digits); the shortener compared through scheme-free
facts computed by support.py (codes may differ from the reference's): the same URL gets the same
code, distinct URLs distinct codes, codes round-trip, are base62 of at most 7 characters, unknown
codes raise KeyError, invalid URLs raise ValueError; two independent shorteners; and a bulk run of
100,000 URLs that must stay collision-free and fast."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

schemes = st.sampled_from(["http", "https", "HTTP", "hTTps", "ftp", "mailto", "", "http ", "file"])
separators = st.sampled_from(["://", "://", "://", "://", ":/", ":", "//", ":///"])
hosts = st.sampled_from(["example.com", "a", "b.org", "EXAMPLE.com", "x.io:8080", "user@host.net",
                         "[::1]", "", "user@", "user:pw@", ":80", "[::1"])
paths = st.sampled_from(["", "/", "/a", "/a?b=1", "#frag", "?q", "/a b", "/%7E"])
urls = st.one_of(st.builds(lambda *parts: "".join(parts), schemes, separators, hosts, paths),
                 st.sampled_from([None, 42, b"http://example.com", " http://example.com", "http://exa mple"]))
probes = st.lists(st.one_of(st.text(ALPHABET, min_size=1, max_size=3), st.sampled_from(["", "-1", " 0", "a-b"])),
                  max_size=5)


@prop(st.integers(0, 62**12), max_examples=150)
def encode_matches_reference(p, n):
    """base62_encode: most significant digit first, alphabet 0-9a-zA-Z, no leading zeros."""
    p.call("base62_encode", n)
    p.call("base62_decode", ALPHABET[n % 62] + ALPHABET[n % 61] + ALPHABET[n % 59])


@prop(st.integers(1, 13), st.integers(-1, 1), max_examples=60)
def encode_at_powers_of_62(p, k, delta):
    """Around 62**k the code grows by one character; encode and decode must agree on both sides."""
    n = 62**k + delta
    p.call("base62_encode", n)
    p.call("base62_decode", "z" * k)
    p.call("base62_decode", "1" + "0" * k)
    p.call("base62_decode", "Z" * k)


@prop(st.text(ALPHABET + "-+ _/٣é\n", max_size=8), max_examples=200)
def decode_matches_reference(p, s):
    """base62_decode: leading zeros allowed; ValueError on "" or any character outside the alphabet
    (a sign, a space, a Unicode digit)."""
    p.call("base62_decode", s)


EDGE_CASES = [("base62_encode", 0), ("base62_encode", 9), ("base62_encode", 10), ("base62_encode", 35),
              ("base62_encode", 36), ("base62_encode", 61), ("base62_encode", 62), ("base62_encode", 3843),
              ("base62_encode", 3844), ("base62_encode", -1), ("base62_encode", -62), ("base62_decode", ""),
              ("base62_decode", "0"), ("base62_decode", "000"), ("base62_decode", "a"), ("base62_decode", "A"),
              ("base62_decode", "Z"), ("base62_decode", "10"), ("base62_decode", "zZ"), ("base62_decode", " 1"),
              ("base62_decode", "1 "), ("base62_decode", "-1"), ("base62_decode", "+1"), ("base62_decode", "٣"),
              ("base62_decode", "1_0")]


@prop(st.sampled_from(range(len(EDGE_CASES))), max_examples=100)
def base62_edge_cases(p, case):
    """Zero is "0", the digit/letter boundaries, negative numbers and empty or malformed codes raise ValueError."""
    name, arg = EDGE_CASES[case]
    p.call(name, arg)


@prop(st.lists(urls, max_size=25), probes, max_examples=250)
def shortener_facts(p, url_list, probe_list):
    """Shortening any URLs: invalid ones raise ValueError, the same URL gets the same code, a new URL a
    new code, codes are base62 of at most 7 characters and resolve to their URL (now and later);
    anything never issued raises KeyError on resolve."""
    s = p.new("URLShortener")
    p.helper("facts", s, url_list, probe_list)


@prop(st.lists(urls, max_size=10), st.lists(urls, max_size=10), max_examples=100)
def independent_shorteners(p, first, second):
    """Two shorteners share nothing: a code only one of them issued is unknown to the other."""
    p.helper("two_shorteners", p.new("URLShortener"), p.new("URLShortener"), first, second)


@prop(st.just(None), max_examples=1)
def shortener_edge_cases(p, _):
    """A fresh shortener knows no code; host-less, non-http(s) and non-str URLs are rejected; the same
    URL with another case or trailing slash is another URL."""
    s = p.new("URLShortener")
    p.helper("facts", s, [], ["0", "1", "a", "0000000"])
    p.helper("facts", s, ["http://a", "http://a", "https://a", "HTTP://a", "http://a/", "http://A", "http://a",
                          "http://", "https://", "http:///x", "http://:80/", "http://user@/", "ftp://a",
                          "a.com", "//a.com", "http:a.com", "", None, 7, "http://[::1", "http://[::1]"],
                  ["0", "00", "1", "01", "7", "zzzzzzz", "10000000"])


@scaling(ratio=8)
def bulk_shortening(p, rng):
    """100,000 distinct URLs, each shortened twice and resolved (inside the sandbox): no two share a code
    (a hash truncated to a few characters collides), codes stay within 7 characters, and a linear
    lookup per call is far slower than the reference's dicts."""
    s = p.new("URLShortener")
    p.helper("bulk", s, 100_000 + rng.randrange(10))
