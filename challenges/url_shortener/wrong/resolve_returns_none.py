# expect: WA  resolve uses dict.get, so an unknown code returns None instead of raising KeyError
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
        self.codes = {}
        self.urls = {}

    def shorten(self, url):
        if not valid(url):
            raise ValueError(url)
        if url not in self.codes:
            code = base62_encode(len(self.urls))
            self.codes[url] = code
            self.urls[code] = url
        return self.codes[url]

    def resolve(self, code):
        return self.urls.get(code)
