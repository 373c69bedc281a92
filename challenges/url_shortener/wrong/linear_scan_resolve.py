# expect: TLE  correct codes, but shorten and resolve search a list of (url, code) pairs: O(n) per call
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base62_encode(n):
    if n < 0:
        raise ValueError(n)
    out = ""
    while True:
        n, d = divmod(n, 62)
        out = ALPHABET[d] + out
        if n == 0:
            return out


def base62_decode(s):
    if not s or any(c not in ALPHABET for c in s):
        raise ValueError(s)
    n = 0
    for c in s:
        n = n * 62 + ALPHABET.index(c)
    return n


def valid(url):
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class URLShortener:
    def __init__(self):
        self.pairs = []

    def shorten(self, url):
        if not valid(url):
            raise ValueError(url)
        for known, code in self.pairs:
            if known == url:
                return code
        code = base62_encode(len(self.pairs))
        self.pairs.append((url, code))
        return code

    def resolve(self, code):
        for url, known in self.pairs:
            if known == code:
                return url
        raise KeyError(code)
