# expect: WA  the seed's generate_short_code: base64 of an md5, so codes contain "-" and "_" (not base62)
import base64
import hashlib
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


def generate_short_code(url, counter):
    hash_input = f"{url}{counter}".encode()
    hash_digest = hashlib.md5(hash_input).digest()
    short_code = base64.b64encode(hash_digest)[:7].decode()
    return short_code.replace("/", "_").replace("+", "-")


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
            code = generate_short_code(url, len(self.urls))
            while code in self.urls:
                code = generate_short_code(url, len(self.urls) + 1)
            self.codes[url] = code
            self.urls[code] = url
        return self.codes[url]

    def resolve(self, code):
        return self.urls[code]
