"""Reference URL shortener: a counter encoded in base62 (the seed's "URL Generation Service"),
two dicts for the URL -> code and code -> URL lookups."""
from urllib.parse import urlsplit

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def base62_encode(n: int) -> str:
    if n < 0:
        raise ValueError(f"cannot encode a negative number: {n}")
    if n == 0:
        return "0"
    digits = []
    while n:
        n, digit = divmod(n, 62)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


def base62_decode(s: str) -> int:
    if not s:
        raise ValueError("cannot decode an empty string")
    n = 0
    for c in s:
        if c not in _VALUE:
            raise ValueError(f"{c!r} is not a base62 digit")
        n = n * 62 + _VALUE[c]
    return n


def _check_url(url) -> None:
    if not isinstance(url, str):
        raise ValueError("a URL is a str")
    parts = urlsplit(url)  # raises ValueError itself on e.g. an unclosed "[" in the host
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL with a host: {url!r}")


class URLShortener:
    def __init__(self) -> None:
        self._code_of = {}  # url -> code
        self._url_of = {}   # code -> url

    def shorten(self, url: str) -> str:
        _check_url(url)
        code = self._code_of.get(url)
        if code is None:
            code = base62_encode(len(self._url_of))  # the n-th distinct URL gets n: 62**7 fit in 7 characters
            self._code_of[url] = code
            self._url_of[code] = url
        return code

    def resolve(self, code: str) -> str:
        return self._url_of[code]
