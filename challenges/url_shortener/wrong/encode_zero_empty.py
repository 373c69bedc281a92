# expect: WA  the textbook while-n loop: base62_encode(0) returns "" instead of "0"
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base62_encode(n):
    if n < 0:
        raise ValueError(n)
    out = []
    while n > 0:
        n, d = divmod(n, 62)
        out.append(ALPHABET[d])
    return "".join(reversed(out))


def base62_decode(s):
    if not s or any(c not in ALPHABET for c in s):
        raise ValueError(s)
    n = 0
    for c in s:
        n = n * 62 + ALPHABET.index(c)
    return n


class URLShortener:
    def __init__(self):
        self.codes = {}
        self.urls = {}

    def shorten(self, url):
        if not isinstance(url, str):
            raise ValueError(url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(url)
        if url not in self.codes:
            code = base62_encode(len(self.urls) + 1)  # starts at 1, so the shortener itself works
            self.codes[url] = code
            self.urls[code] = url
        return self.codes[url]

    def resolve(self, code):
        return self.urls[code]
