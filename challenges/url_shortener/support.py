"""Runs on both sides: scenarios that shorten URLs with a URLShortener and describe what happened in
terms that do not depend on the code scheme (codes may differ from the reference's), so the facts of
the submission can be compared with the reference's facts."""

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _outcome(func, *args):
    try:
        return "value", func(*args)
    except Exception as exc:  # noqa: BLE001 - the type is the fact
        return "raised", type(exc).__name__


def _shorten_all(s, urls, issued):
    """Per URL: ("raised", type) or ("code", ordinal of the code, valid characters, at most 7 long,
    resolve round-trips). The ordinal numbers codes in the order they first appear, so the same URL
    must repeat an ordinal and a new URL must get the next one."""
    facts, ordinal = [], {}
    for url in urls:
        kind, code = _outcome(s.shorten, url)
        if kind == "raised":
            facts.append(("raised", code))
            continue
        if type(code) is not str:
            facts.append(("not a str", type(code).__name__))
            continue
        if code in issued and issued[code] != url:
            facts.append(("code shared with another URL", ordinal[code]))
            continue
        issued.setdefault(code, url)
        ordinal.setdefault(code, len(ordinal))
        kind, back = _outcome(s.resolve, code)
        facts.append(("code", ordinal[code], code != "" and all(c in ALPHABET for c in code), len(code) <= 7,
                      kind == "value" and type(back) is str and back == url))
    return facts


def _probe(s, issued, probes):
    """Each probe resolves to its URL when it was issued, else raises KeyError: True, else what happened."""
    facts = []
    for code in probes:
        kind, value = _outcome(s.resolve, code)
        if code in issued:
            facts.append(True if kind == "value" and value == issued[code] else f"issued code gave {kind} {value!r}")
        else:
            facts.append(True if (kind, value) == ("raised", "KeyError") else
                         f"code never issued gave {kind} {value!r}, expected KeyError")
    return facts


def facts(s, urls, probes):
    """Shorten the URLs in turn; then every issued code must still resolve to its URL, and the probes
    (arbitrary strings, and each issued code with a leading "0" or a changed case) resolve or raise
    KeyError as their issue says."""
    issued = {}
    shortened = _shorten_all(s, urls, issued)
    derived = [p + c for c in issued for p in ("0", "00")] + [c.swapcase() for c in issued]
    return shortened, _probe(s, issued, list(issued)), _probe(s, issued, list(probes) + derived)


def two_shorteners(s1, s2, urls1, urls2):
    """Two shorteners are independent: a code issued by one and not by the other is unknown to the other."""
    issued1, issued2 = {}, {}
    first = _shorten_all(s1, urls1, issued1)
    second = _shorten_all(s2, urls2, issued2)
    return (first, second, _probe(s1, issued1, list(issued1) + list(issued2)),
            _probe(s2, issued2, list(issued2) + list(issued1)))


def bulk(s, n):
    """n distinct URLs, each shortened twice, then every code resolved: returns the number of distinct
    codes, whether all are valid base62 of at most 7 characters, and whether all round-trip."""
    codes = []
    for i in range(n):
        codes.append(s.shorten(f"https://example.com/page/{i}?ref={i * 7919 % 1000}"))
    same = all(s.shorten(f"https://example.com/page/{i}?ref={i * 7919 % 1000}") == codes[i] for i in range(n))
    valid = all(type(c) is str and 0 < len(c) <= 7 and all(ch in ALPHABET for ch in c) for c in codes)
    round_trip = all(s.resolve(c) == f"https://example.com/page/{i}?ref={i * 7919 % 1000}" for i, c in enumerate(codes))
    return len(set(codes)), same, valid, round_trip
